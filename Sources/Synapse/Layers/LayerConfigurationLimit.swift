/// Bounds on the integers of a saved layer configuration.
enum LayerConfigurationLimit {
    /// The largest size, count, stride or factor a built-in layer accepts from
    /// a file (2²⁴): far beyond any real layer, and small enough that shape
    /// arithmetic on such numbers cannot overflow.
    static let maximumSize = 1 << 24

    /// `value` if it is in `minimum…maximumSize`, else a thrown
    /// `ConfigurationError` naming the layer type and the argument.
    static func checked(_ value: Int, minimum: Int = 1, argument: String, of layerType: String) throws -> Int {
        guard value >= minimum, value <= maximumSize else {
            throw ConfigurationError.invalidArgument(layerType: layerType, argument: argument,
                                                     reason: "must be in \(minimum)…\(maximumSize), got \(value)")
        }
        return value
    }
}

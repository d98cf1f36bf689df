/// Saved-model support for the 1-D convolution and pooling layers, with
/// Keras's argument names (window sizes saved as one-element lists, as
/// Keras writes its tuples).
extension Dictionary where Key == String, Value == ConfigurationValue {
    /// The positive length `key` (an integer or a one-element list), or
    /// `fallback` when absent.
    func length1D(_ key: String, of layerType: String, default fallback: Int? = nil) throws -> Int {
        guard let raw = self[key] else {
            if let fallback { return fallback }
            throw ConfigurationError.invalidArgument(layerType: layerType, argument: key, reason: "is missing")
        }
        guard let values = raw.intsValue, values.count == 1, values[0] > 0 else {
            throw ConfigurationError.invalidArgument(layerType: layerType, argument: key,
                                                     reason: "must be a positive integer or a one-element list, got \(raw)")
        }
        return try LayerConfigurationLimit.checked(values[0], argument: key, of: layerType)
    }
}

extension Conv1D: ConfigurableLayer {
    /// `"Conv1D"`.
    public static var typeName: String { "Conv1D" }
    /// A Conv1D layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let type = Self.typeName
        self.init(try c.positiveInt("filters", of: type), kernelSize: try c.length1D("kernel_size", of: type),
                  strides: try c.length1D("strides", of: type, default: 1), padding: try c.mode("padding", of: type, default: Padding1D.valid),
                  dilationRate: try c.length1D("dilation_rate", of: type, default: 1),
                  activation: try c.activation(of: type), useBias: c["use_bias"]?.boolValue ?? true,
                  kernelInitializer: try c.initializer("kernel_initializer", of: type, default: .glorotUniform),
                  biasInitializer: try c.initializer("bias_initializer", of: type, default: .zeros))
    }
}

extension MaxPool1D: ConfigurableLayer {
    /// `"MaxPooling1D"` (Keras's name).
    public static var typeName: String { "MaxPooling1D" }
    /// A MaxPool1D layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let type = Self.typeName
        let poolSize = try c.length1D("pool_size", of: type, default: 2)
        self.init(poolSize: poolSize, strides: try c.length1D("strides", of: type, default: poolSize),
                  padding: try c.padding(of: type))
    }
}

extension GlobalAveragePool1D: ConfigurableLayer {
    /// `"GlobalAveragePooling1D"` (Keras's name).
    public static var typeName: String { "GlobalAveragePooling1D" }
    /// A GlobalAveragePool1D layer (it has no arguments).
    public convenience init(configuration: [String: ConfigurationValue]) throws { self.init() }
}

extension GlobalMaxPool1D: ConfigurableLayer {
    /// `"GlobalMaxPooling1D"` (Keras's name).
    public static var typeName: String { "GlobalMaxPooling1D" }
    /// A GlobalMaxPool1D layer (it has no arguments).
    public convenience init(configuration: [String: ConfigurationValue]) throws { self.init() }
}

extension Bidirectional: ConfigurableLayer {
    /// `"Bidirectional"`.
    public static var typeName: String { "Bidirectional" }

    /// A Bidirectional layer from its saved configuration: `merge_mode`, the
    /// wrapped layer's registered type name in `layer`, and its arguments
    /// under `layer.`.
    public convenience init(configuration: [String: ConfigurationValue]) throws {
        let modeName = configuration["merge_mode"]?.stringValue ?? MergeMode.concat.rawValue
        guard let mode = MergeMode(rawValue: modeName) else {
            throw ConfigurationError.invalidArgument(
                layerType: Self.typeName, argument: "merge_mode",
                reason: "is '\(modeName)'; use one of \(MergeMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let wrappedName = configuration["layer"]?.stringValue ?? ""
        guard let wrappedType = LayerRegistry.type(named: wrappedName),
              wrappedType is RecurrentLayer.Type else {
            throw ConfigurationError.invalidArgument(layerType: Self.typeName, argument: "layer",
                                                     reason: "is '\(wrappedName)', not a recurrent layer's type")
        }
        var arguments: [String: ConfigurationValue] = [:]
        for (key, value) in configuration where key.hasPrefix("layer.") { arguments[String(key.dropFirst(6))] = value }
        guard let wrapped = try wrappedType.init(configuration: arguments) as? RecurrentLayer else {
            throw ConfigurationError.invalidArgument(layerType: Self.typeName, argument: "layer",
                                                     reason: "is '\(wrappedName)', not a recurrent layer's type")
        }
        self.init(wrapped, mergeMode: mode)
    }
}

extension Bidirectional: PlansParameters {
    func plannedParameterCount(forInputShape inputShape: [Int]) -> Int? {
        forwardLayer.plannedParameterCount(forInputShape: inputShape).flatMap {
            let (total, overflow) = $0.multipliedReportingOverflow(by: 2)
            return overflow ? nil : total
        }
    }
}

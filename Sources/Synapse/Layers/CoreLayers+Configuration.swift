extension Dense: ConfigurableLayer {
    /// `"Dense"`.
    public static var typeName: String { "Dense" }

    /// A Dense layer from its saved configuration.
    public convenience init(configuration: [String: ConfigurationValue]) throws {
        let units = try LayerConfigurationLimit.checked(configuration.requiredInt("units", of: Self.typeName),
                                                        argument: "units", of: Self.typeName)
        self.init(units, activation: try configuration.activation(of: Self.typeName),
                  useBias: configuration["use_bias"]?.boolValue ?? true,
                  kernelInitializer: try configuration.initializer("kernel_initializer", of: Self.typeName, default: .glorotUniform),
                  biasInitializer: try configuration.initializer("bias_initializer", of: Self.typeName, default: .zeros))
    }
}

extension Flatten: ConfigurableLayer {
    /// `"Flatten"`.
    public static var typeName: String { "Flatten" }
    /// A Flatten layer (it has no arguments).
    public convenience init(configuration: [String: ConfigurationValue]) throws { self.init() }
}

extension Reshape: ConfigurableLayer {
    /// `"Reshape"`.
    public static var typeName: String { "Reshape" }
    /// A Reshape layer from its saved configuration: positive sizes, or -1
    /// once for the size to infer.
    public convenience init(configuration: [String: ConfigurationValue]) throws {
        let target = try configuration.requiredInts("target_shape", of: Self.typeName)
        let known = target.filter { $0 != -1 }
        for size in known { _ = try LayerConfigurationLimit.checked(size, argument: "target_shape", of: Self.typeName) }
        guard target.count - known.count <= 1, ModelSizeLimits.elementCount(known) != nil else {
            throw ConfigurationError.invalidArgument(layerType: Self.typeName, argument: "target_shape",
                                                     reason: "may hold -1 once and its sizes must multiply without overflow, got \(target)")
        }
        self.init(target)
    }
}

extension Dropout: ConfigurableLayer {
    /// `"Dropout"`.
    public static var typeName: String { "Dropout" }
    /// A Dropout layer from its saved configuration.
    public convenience init(configuration: [String: ConfigurationValue]) throws {
        let rate = try configuration.requiredDouble("rate", of: Self.typeName)
        guard rate >= 0, rate < 1 else {
            throw ConfigurationError.invalidArgument(layerType: Self.typeName, argument: "rate", reason: "must be in [0, 1), got \(rate)")
        }
        self.init(Float(rate))
    }
}

extension ActivationLayer: ConfigurableLayer {
    /// `"Activation"`.
    public static var typeName: String { "Activation" }
    /// An activation layer from its saved configuration.
    public convenience init(configuration: [String: ConfigurationValue]) throws {
        self.init(try configuration.activation(of: Self.typeName))
    }
}

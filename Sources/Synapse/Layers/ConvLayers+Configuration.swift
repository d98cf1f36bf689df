/// Saved-model support for the convolutional and normalisation layers.
extension Dictionary where Key == String, Value == ConfigurationValue {
    /// The `[height, width]` (or single integer) `key`, or `fallback` when absent.
    func size2D(_ key: String, of layerType: String, default fallback: Size2D? = nil) throws -> Size2D {
        guard let raw = self[key] else {
            if let fallback { return fallback }
            throw ConfigurationError.invalidArgument(layerType: layerType, argument: key, reason: "is missing")
        }
        guard let values = raw.intsValue, let size = Size2D(values), size.isPositive else {
            throw ConfigurationError.invalidArgument(layerType: layerType, argument: key,
                                                     reason: "must be a positive integer or [height, width], got \(raw)")
        }
        for value in values { _ = try LayerConfigurationLimit.checked(value, argument: key, of: layerType) }
        return size
    }

    /// The padding mode `key` (`"valid"` when absent).
    func padding(of layerType: String) throws -> Padding {
        try mode("padding", of: layerType, default: .valid)
    }

    /// The named mode `key` (one of `Mode`'s raw values), or `fallback` when
    /// absent; a thrown error lists the modes.
    func mode<Mode: RawRepresentable & CaseIterable>(_ key: String, of layerType: String, default fallback: Mode) throws
        -> Mode where Mode.RawValue == String {
        guard let name = self[key]?.stringValue else { return fallback }
        guard let mode = Mode(rawValue: name) else {
            let modes = Mode.allCases.map { "\"\($0.rawValue)\"" }
            throw ConfigurationError.invalidArgument(
                layerType: layerType, argument: key,
                reason: "must be \(modes.dropLast().joined(separator: ", ")) or \(modes.last ?? ""), got \"\(name)\"")
        }
        return mode
    }

    /// The positive integer `key`.
    func positiveInt(_ key: String, of layerType: String, default fallback: Int? = nil) throws -> Int {
        let value = try fallback.map { self[key] == nil ? $0 : try requiredInt(key, of: layerType) }
            ?? requiredInt(key, of: layerType)
        return try LayerConfigurationLimit.checked(value, argument: key, of: layerType)
    }

    /// The number `key` (or `fallback`) as a Float, checked by `isValid`.
    func float(_ key: String, of layerType: String, default fallback: Double, valid: (Double) -> Bool) throws -> Float {
        let value = self[key] == nil ? fallback : try requiredDouble(key, of: layerType)
        guard valid(value) else {
            throw ConfigurationError.invalidArgument(layerType: layerType, argument: key, reason: "is out of range: \(value)")
        }
        return Float(value)
    }
}

/// The window arguments Conv2D, Conv2DTranspose and DepthwiseConv2D share,
/// read from a saved configuration with Keras's names.
struct WindowArguments {
    let kernelSize: Size2D, strides: Size2D, padding: Padding, dilation: Size2D
    let activation: Activation, useBias: Bool
    let kernelInitializer: Initializer, biasInitializer: Initializer

    init(_ c: [String: ConfigurationValue], of type: String, kernelInitializerKey: String = "kernel_initializer") throws {
        kernelSize = try c.size2D("kernel_size", of: type)
        strides = try c.size2D("strides", of: type, default: 1)
        padding = try c.padding(of: type)
        dilation = try c.size2D("dilation_rate", of: type, default: 1)
        activation = try c.activation(of: type)
        useBias = c["use_bias"]?.boolValue ?? true
        kernelInitializer = try c.initializer(kernelInitializerKey, of: type, default: .glorotUniform)
        biasInitializer = try c.initializer("bias_initializer", of: type, default: .zeros)
    }
}

extension Conv2D: ConfigurableLayer {
    /// `"Conv2D"`.
    public static var typeName: String { "Conv2D" }
    /// A Conv2D layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let w = try WindowArguments(c, of: Self.typeName)
        self.init(try c.positiveInt("filters", of: Self.typeName), kernelSize: w.kernelSize, strides: w.strides,
                  padding: w.padding, dilation: w.dilation, activation: w.activation, useBias: w.useBias,
                  kernelInitializer: w.kernelInitializer, biasInitializer: w.biasInitializer)
    }
}

extension Conv2DTranspose: ConfigurableLayer {
    /// `"Conv2DTranspose"`.
    public static var typeName: String { "Conv2DTranspose" }
    /// A Conv2DTranspose layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let w = try WindowArguments(c, of: Self.typeName)
        self.init(try c.positiveInt("filters", of: Self.typeName), kernelSize: w.kernelSize, strides: w.strides,
                  padding: w.padding, dilation: w.dilation, activation: w.activation, useBias: w.useBias,
                  kernelInitializer: w.kernelInitializer, biasInitializer: w.biasInitializer)
    }
}

extension DepthwiseConv2D: ConfigurableLayer {
    /// `"DepthwiseConv2D"`.
    public static var typeName: String { "DepthwiseConv2D" }
    /// A DepthwiseConv2D layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let w = try WindowArguments(c, of: Self.typeName, kernelInitializerKey: "depthwise_initializer")
        self.init(kernelSize: w.kernelSize, strides: w.strides, padding: w.padding,
                  depthMultiplier: try c.positiveInt("depth_multiplier", of: Self.typeName, default: 1),
                  dilation: w.dilation, activation: w.activation, useBias: w.useBias,
                  kernelInitializer: w.kernelInitializer, biasInitializer: w.biasInitializer)
    }
}

extension MaxPool2D: ConfigurableLayer {
    /// `"MaxPooling2D"` (Keras's name).
    public static var typeName: String { "MaxPooling2D" }
    /// A MaxPool2D layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let type = Self.typeName
        let poolSize = try c.size2D("pool_size", of: type, default: 2)
        self.init(poolSize: poolSize, strides: try c.size2D("strides", of: type, default: poolSize), padding: try c.padding(of: type))
    }
}

extension AveragePool2D: ConfigurableLayer {
    /// `"AveragePooling2D"` (Keras's name).
    public static var typeName: String { "AveragePooling2D" }
    /// An AveragePool2D layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let type = Self.typeName
        let poolSize = try c.size2D("pool_size", of: type, default: 2)
        self.init(poolSize: poolSize, strides: try c.size2D("strides", of: type, default: poolSize), padding: try c.padding(of: type))
    }
}

extension GlobalAveragePool2D: ConfigurableLayer {
    /// `"GlobalAveragePooling2D"` (Keras's name).
    public static var typeName: String { "GlobalAveragePooling2D" }
    /// A GlobalAveragePool2D layer (it has no arguments).
    public convenience init(configuration: [String: ConfigurationValue]) throws { self.init() }
}

extension BatchNormalization: ConfigurableLayer {
    /// `"BatchNormalization"`.
    public static var typeName: String { "BatchNormalization" }
    /// A BatchNormalization layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let type = Self.typeName
        self.init(momentum: try c.float("momentum", of: type, default: 0.99) { $0 >= 0 && $0 <= 1 },
                  epsilon: try c.float("epsilon", of: type, default: 1e-3) { $0 > 0 })
    }
}

extension LayerNormalization: ConfigurableLayer {
    /// `"LayerNormalization"`.
    public static var typeName: String { "LayerNormalization" }
    /// A LayerNormalization layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        self.init(epsilon: try c.float("epsilon", of: Self.typeName, default: 1e-3) { $0 > 0 },
                  center: try c.bool("center", of: Self.typeName, default: true),
                  scale: try c.bool("scale", of: Self.typeName, default: true))
    }
}

extension GroupNormalization: ConfigurableLayer {
    /// `"GroupNormalization"`.
    public static var typeName: String { "GroupNormalization" }
    /// A GroupNormalization layer from its saved configuration (channels last: `axis` must be -1).
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        if let axis = c["axis"], axis.intsValue != [-1] {
            throw ConfigurationError.invalidArgument(layerType: Self.typeName, argument: "axis",
                                                     reason: "must be -1 (channels last), got \(axis)")
        }
        self.init(groups: try c.positiveInt("groups", of: Self.typeName, default: 32),
                  epsilon: try c.float("epsilon", of: Self.typeName, default: 1e-3) { $0 > 0 })
    }
}

extension ZeroPadding2D: ConfigurableLayer {
    /// `"ZeroPadding2D"`.
    public static var typeName: String { "ZeroPadding2D" }
    /// A ZeroPadding2D layer from `padding`: one integer, `[rows, columns]`,
    /// or `[top, bottom, left, right]`.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let values = c["padding"]?.intsValue ?? [1]
        for value in values { _ = try LayerConfigurationLimit.checked(value, minimum: 0, argument: "padding", of: Self.typeName) }
        switch values.count {
        case 1: self.init(top: values[0], bottom: values[0], left: values[0], right: values[0])
        case 2: self.init(top: values[0], bottom: values[0], left: values[1], right: values[1])
        case 4: self.init(top: values[0], bottom: values[1], left: values[2], right: values[3])
        default:
            throw ConfigurationError.invalidArgument(layerType: Self.typeName, argument: "padding",
                                                     reason: "must have 1, 2 or 4 integers, got \(values)")
        }
    }
}

extension UpSampling2D: ConfigurableLayer {
    /// `"UpSampling2D"`.
    public static var typeName: String { "UpSampling2D" }
    /// An UpSampling2D layer from its saved configuration (nearest interpolation only).
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        if let interpolation = c["interpolation"]?.stringValue, interpolation != "nearest" {
            throw ConfigurationError.invalidArgument(layerType: Self.typeName, argument: "interpolation",
                                                     reason: "only \"nearest\" is supported, got \"\(interpolation)\"")
        }
        self.init(size: try c.size2D("size", of: Self.typeName, default: 2))
    }
}

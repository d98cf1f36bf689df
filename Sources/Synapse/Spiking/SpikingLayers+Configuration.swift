extension Surrogate {
    /// `surrogate` (its name) and `surrogate_slope` (k or α), for saving.
    var configuration: [String: ConfigurationValue] {
        var values: [String: ConfigurationValue] = ["surrogate": .string(name)]
        if let slope { values["surrogate_slope"] = .double(Double(slope)) }
        return values
    }

    /// The surrogate a configuration names; throws for an unknown (or
    /// custom) name or a slope ≤ 0.
    init(configuration: [String: ConfigurationValue], of layerType: String) throws {
        let name = configuration["surrogate"]?.stringValue ?? "arctan"
        let slope = configuration["surrogate_slope"]?.doubleValue.map { Float($0) }
        switch name {
        case "fast_sigmoid": self = try .fastSigmoid(slope: slope ?? 25)
        case "arctan": self = try .arctan(alpha: slope ?? 2)
        case "sigmoid": self = try .sigmoid(slope: slope ?? 25)
        case "straight_through": self = .straightThrough
        default:
            throw ConfigurationError.invalidArgument(
                layerType: layerType, argument: "surrogate",
                reason: "names '\(name)', not fast_sigmoid, arctan, sigmoid or straight_through (a custom surrogate must be set again in code)")
        }
    }
}

extension Dictionary where Key == String, Value == ConfigurationValue {
    /// The enum case named by `key` (or `fallback` when absent), or a thrown error.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, of layerType: String, default fallback: Choice) throws -> Choice
    where Choice.RawValue == String {
        guard let value = self[key] else { return fallback }
        guard let name = value.stringValue, let choice = Choice(rawValue: name) else {
            throw ConfigurationError.invalidArgument(
                layerType: layerType, argument: key,
                reason: "is \(value), not one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }

    /// The optional positive step count `steps`, or a thrown error.
    func optionalSteps(of layerType: String) throws -> Int? {
        guard self["steps"] != nil else { return nil }
        return try LayerConfigurationLimit.checked(requiredInt("steps", of: layerType), argument: "steps", of: layerType)
    }
}

extension Leaky: ConfigurableLayer {
    /// `"Leaky"`.
    public static var typeName: String { "Leaky" }

    /// A Leaky layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let type = Self.typeName
        let surrogate = try Surrogate(configuration: c, of: type)
        let beta = try c.requiredDouble("beta", of: type), threshold = c["threshold"]?.doubleValue ?? 1
        let reset: NeuronReset = try c.choice("reset", of: type, default: .subtract)
        let output: NeuronOutput = try c.choice("output", of: type, default: .spikes)
        let learnBeta: NeuronParameterScope = try c.choice("learn_beta", of: type, default: .fixed)
        let learnThreshold: NeuronParameterScope = try c.choice("learn_threshold", of: type, default: .fixed)
        let steps = try c.optionalSteps(of: type), scale = c["input_scale"]?.doubleValue ?? 1
        try self.init(beta: Float(beta), threshold: Float(threshold), reset: reset, surrogate: surrogate, output: output,
                          steps: steps, learnBeta: learnBeta, learnThreshold: learnThreshold, inputScale: Float(scale))
    }

    /// The constructor arguments (the layer's `configuration`).
    var savedArguments: [String: ConfigurationValue] {
        var values = surrogate.configuration.merging([
            "beta": .double(Double(initialBeta)), "threshold": .double(Double(initialThreshold)),
            "reset": .string(reset.rawValue), "output": .string(output.rawValue),
            "learn_beta": .string(learnBeta.rawValue), "learn_threshold": .string(learnThreshold.rawValue),
            "input_scale": .double(Double(inputScale)),
        ]) { first, _ in first }
        if let steps { values["steps"] = .int(steps) }
        return values
    }
}

extension Synaptic: ConfigurableLayer {
    /// `"Synaptic"`.
    public static var typeName: String { "Synaptic" }

    /// A Synaptic layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let type = Self.typeName
        let neuron = try Leaky(configuration: c)
        let alpha = try c.requiredDouble("alpha", of: type)
        try self.init(alpha: Float(alpha), beta: neuron.initialBeta, threshold: neuron.initialThreshold, reset: neuron.reset,
                          surrogate: neuron.surrogate, output: neuron.output, steps: neuron.steps)
    }

    /// The constructor arguments (the layer's `configuration`).
    var savedArguments: [String: ConfigurationValue] {
        membrane.savedArguments.merging(["alpha": .double(Double(alpha))]) { _, new in new }
    }
}

extension RecurrentLeaky: ConfigurableLayer {
    /// `"RecurrentLeaky"`.
    public static var typeName: String { "RecurrentLeaky" }

    /// A RecurrentLeaky layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let neuron = try Leaky(configuration: c)
        try self.init(beta: neuron.initialBeta, threshold: neuron.initialThreshold, reset: neuron.reset,
                          surrogate: neuron.surrogate, output: neuron.output, steps: neuron.steps)
    }

    /// The constructor arguments (the layer's `configuration`).
    var savedArguments: [String: ConfigurationValue] {
        var values = surrogate.configuration.merging([
            "beta": .double(Double(beta)), "threshold": .double(Double(threshold)),
            "reset": .string(reset.rawValue), "output": .string(output.rawValue),
        ]) { first, _ in first }
        if let steps { values["steps"] = .int(steps) }
        return values
    }
}

extension RepeatSteps: ConfigurableLayer {
    /// `"RepeatSteps"`.
    public static var typeName: String { "RepeatSteps" }

    /// A RepeatSteps layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let steps = try LayerConfigurationLimit.checked(c.requiredInt("steps", of: Self.typeName), argument: "steps", of: Self.typeName)
        try self.init(steps)
    }

    /// The constructor arguments (the layer's `configuration`).
    var savedArguments: [String: ConfigurationValue] { ["steps": .int(steps)] }
}

extension TimeReadout: ConfigurableLayer {
    /// `"TimeReadout"`.
    public static var typeName: String { "TimeReadout" }

    /// A TimeReadout layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let steps = try LayerConfigurationLimit.checked(c.requiredInt("steps", of: Self.typeName), argument: "steps", of: Self.typeName)
        try self.init(steps: steps)
    }

    /// The constructor arguments (the layer's `configuration`).
    var savedArguments: [String: ConfigurationValue] { ["steps": .int(steps)] }
}

extension WinnerTakeAllSTDP: ConfigurableLayer {
    /// `"WinnerTakeAllSTDP"`.
    public static var typeName: String { "WinnerTakeAllSTDP" }

    /// A WinnerTakeAllSTDP layer from its saved configuration.
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        let type = Self.typeName
        let neurons = try LayerConfigurationLimit.checked(c.requiredInt("neurons", of: type), argument: "neurons", of: type)
        let classes = try LayerConfigurationLimit.checked(c.requiredInt("classes", of: type), argument: "classes", of: type)
        let steps = try LayerConfigurationLimit.checked(c.requiredInt("steps", of: type), argument: "steps", of: type)
        let number = { (key: String) throws -> Float in Float(try c.requiredDouble(key, of: type)) }
        try self.init(neurons: neurons, classes: classes, steps: steps, beta: number("beta"), threshold: number("threshold"),
                      thresholdIncrement: number("threshold_increment"), rate: number("rate"),
                      weightSum: number("weight_sum"), seed: UInt64(clamping: c["seed"]?.intValue ?? 0),
                      potentiationRate: try c.float("potentiation_rate", of: type, default: 0.05) { $0 >= 0 },
                      depressionRate: try c.float("depression_rate", of: type, default: 0.005) { $0 >= 0 })
    }

    /// The constructor arguments (the layer's `configuration`), the STDP
    /// rates included (files written before they were saved load with the defaults).
    var savedArguments: [String: ConfigurationValue] {
        ["neurons": .int(neurons), "classes": .int(classes), "steps": .int(steps), "beta": .double(Double(beta)),
         "threshold": .double(Double(threshold)), "threshold_increment": .double(Double(thresholdIncrement)),
         "rate": .double(Double(rate)), "weight_sum": .double(Double(weightSum)), "seed": .int(Int(clamping: seed)),
         "potentiation_rate": .double(Double(potentiationRate)), "depression_rate": .double(Double(depressionRate))]
    }
}

extension LayerRegistry {
    /// Spiking networks' layers.
    static let spikingLayerTypes: [any ConfigurableLayer.Type] = [
        Leaky.self, Synaptic.self, RecurrentLeaky.self, RepeatSteps.self, TimeReadout.self, WinnerTakeAllSTDP.self,
    ]
}

/// The arguments every recurrent layer takes, and reads from a saved
/// configuration with Keras's names and defaults.
struct RecurrentArguments {
    var units: Int
    var activation: Activation, recurrentActivation: Activation
    var useBias: Bool
    var kernelInitializer: Initializer, recurrentInitializer: Initializer, biasInitializer: Initializer
    var returnSequences: Bool, returnState: Bool, goBackwards: Bool

    init(units: Int, activation: Activation, recurrentActivation: Activation, useBias: Bool,
         kernelInitializer: Initializer, recurrentInitializer: Initializer, biasInitializer: Initializer,
         returnSequences: Bool, returnState: Bool, goBackwards: Bool) {
        self.units = units
        self.activation = activation
        self.recurrentActivation = recurrentActivation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.recurrentInitializer = recurrentInitializer
        self.biasInitializer = biasInitializer
        self.returnSequences = returnSequences
        self.returnState = returnState
        self.goBackwards = goBackwards
    }

    init(_ configuration: [String: ConfigurationValue], of typeName: String) throws {
        units = try LayerConfigurationLimit.checked(configuration.requiredInt("units", of: typeName),
                                                    argument: "units", of: typeName)
        activation = try Self.nonlinearity("activation", in: configuration, of: typeName, default: .tanh)
        recurrentActivation = try Self.nonlinearity("recurrent_activation", in: configuration, of: typeName,
                                                    default: .sigmoid)
        useBias = configuration["use_bias"]?.boolValue ?? true
        kernelInitializer = try configuration.initializer("kernel_initializer", of: typeName, default: .glorotUniform)
        recurrentInitializer = try configuration.initializer("recurrent_initializer", of: typeName, default: .orthogonal)
        biasInitializer = try configuration.initializer("bias_initializer", of: typeName, default: .zeros)
        returnSequences = configuration["return_sequences"]?.boolValue ?? false
        returnState = configuration["return_state"]?.boolValue ?? false
        goBackwards = configuration["go_backwards"]?.boolValue ?? false
    }

    /// The activation `key`, which must be one the fused recurrence supports.
    private static func nonlinearity(_ key: String, in configuration: [String: ConfigurationValue], of typeName: String,
                                     default fallback: Activation) throws -> Activation {
        guard configuration[key] != nil else { return fallback }
        let activation = try configuration.activation(key, of: typeName)
        guard RecurrentNonlinearity(activation) != nil else {
            throw ConfigurationError.invalidArgument(
                layerType: typeName, argument: key,
                reason: "'\(activation.name)' is not supported by recurrent layers; use one of "
                    + RecurrentNonlinearity.supportedNames.joined(separator: ", "))
        }
        return activation
    }
}

extension SimpleRNN: ConfigurableLayer {
    /// `"SimpleRNN"`.
    public static var typeName: String { "SimpleRNN" }

    /// A SimpleRNN layer from its saved configuration.
    public convenience init(configuration: [String: ConfigurationValue]) throws {
        self.init(arguments: try RecurrentArguments(configuration, of: Self.typeName))
    }
}

extension LSTM: ConfigurableLayer {
    /// `"LSTM"`.
    public static var typeName: String { "LSTM" }

    /// An LSTM layer from its saved configuration.
    public convenience init(configuration: [String: ConfigurationValue]) throws {
        self.init(arguments: try RecurrentArguments(configuration, of: Self.typeName),
                  unitForgetBias: configuration["unit_forget_bias"]?.boolValue ?? true)
    }
}

extension GRU: ConfigurableLayer {
    /// `"GRU"`.
    public static var typeName: String { "GRU" }

    /// A GRU layer from its saved configuration; `reset_after` must be true
    /// (or absent), the only variant implemented.
    public convenience init(configuration: [String: ConfigurationValue]) throws {
        guard configuration["reset_after"]?.boolValue ?? true else {
            throw ConfigurationError.invalidArgument(layerType: Self.typeName, argument: "reset_after",
                                                     reason: "is false; only the reset_after=True variant is implemented")
        }
        self.init(arguments: try RecurrentArguments(configuration, of: Self.typeName))
    }
}

import Foundation

/// Maps the type names in saved model configurations (`"Dense"`) to layer
/// types, so `Model.load(from:)` can rebuild a `Sequential` without user code.
///
/// Every built-in configurable layer is registered from the start. Register
/// your own `ConfigurableLayer` types before loading a model that uses them:
/// ```swift
/// LayerRegistry.register(MyLayer.self)
/// let model = try Model.load(from: url)
/// ```
public enum LayerRegistry {
    /// The built-in layer types that can be saved in a model file.
    static let builtInTypes: [any ConfigurableLayer.Type] = coreLayerTypes + convolutionLayerTypes + spikingLayerTypes
        + sequenceLayerTypes + recurrentLayerTypes

    /// Text and sequence models' layers, and the models saved by configuration.
    private static let sequenceLayerTypes: [any ConfigurableLayer.Type] = [
        Embedding.self, GPT.self, Conv1D.self, MaxPool1D.self, GlobalAveragePool1D.self, GlobalMaxPool1D.self,
        Add.self, Concatenate.self,
    ]

    /// Recurrent layers.
    private static let recurrentLayerTypes: [any ConfigurableLayer.Type] = [
        SimpleRNN.self, LSTM.self, GRU.self, Bidirectional.self,
    ]

    /// Dense networks' layers.
    private static let coreLayerTypes: [any ConfigurableLayer.Type] = [
        Dense.self, Flatten.self, Reshape.self, Dropout.self, ActivationLayer.self,
    ]

    /// Convolutional networks' layers: convolutions, pooling, normalisation,
    /// padding and resizing.
    private static let convolutionLayerTypes: [any ConfigurableLayer.Type] = [
        Conv2D.self, Conv2DTranspose.self, DepthwiseConv2D.self,
        MaxPool2D.self, AveragePool2D.self, GlobalAveragePool2D.self,
        BatchNormalization.self, LayerNormalization.self, GroupNormalization.self,
        ZeroPadding2D.self, UpSampling2D.self,
    ]

    private static let types = Locked<[String: any ConfigurableLayer.Type]>(Dictionary(
        builtInTypes.map { ($0.typeName, $0) }, uniquingKeysWith: { first, _ in first }))

    /// Registers `type` under its `typeName`, replacing any earlier registration.
    public static func register(_ type: any ConfigurableLayer.Type) {
        types.withLock { $0[type.typeName] = type }
    }

    /// The layer type registered as `typeName`, if any.
    public static func type(named typeName: String) -> (any ConfigurableLayer.Type)? {
        types.value[typeName]
    }

    /// Every registered type name, sorted.
    public static var registeredTypeNames: [String] {
        types.value.keys.sorted()
    }
}

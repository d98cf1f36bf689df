/// Turns integer ids (tokens, categories) into learned vectors, as Keras's
/// `Embedding`: an input `[batch, length]` of ids in `0 ..< inputDim` gives
/// `[batch, length, outputDim]`.
///
/// Ids travel in an ordinary float tensor, which holds every integer below
/// 2²⁴ exactly (`Tensor.largestExactIndex`): make one with
/// `Tensor(indices:shape:)`. An id that is not a whole number in range is a
/// programming error and stops with a message naming the id; code that reads
/// ids from data checks them first (a `CharacterVocabulary` does).
///
/// ```swift
/// let embedding = Embedding(inputDim: 65, outputDim: 128)
/// let vectors = embedding(Tensor(indices: [3, 1, 4], shape: [1, 3]))   // [1, 3, 128]
/// ```
///
/// With `maskZero`, id 0 is padding, as Keras's `mask_zero=True`: the layer
/// makes a mask (1 where the id is not 0) that `Sequential` and `Functional`
/// models pass on to the layers after it (see `MaskingLayer`). Id 0 still
/// has its row in the table, so `inputDim` counts it: a vocabulary of 100
/// real tokens needs `inputDim: 101`.
public final class Embedding: Layer {
    /// The number of distinct ids (the vocabulary size).
    public let inputDim: Int
    /// The length of each vector.
    public let outputDim: Int
    /// How the table is initialised (Keras's default: uniform in ±0.05).
    public let embeddingsInitializer: Initializer
    /// Whether id 0 is padding, masked for the layers after this one
    /// (Keras's `mask_zero`).
    public let maskZero: Bool
    /// The table, `[inputDim, outputDim]`; nil until built.
    public private(set) var embeddings: Parameter?

    /// An embedding of `inputDim` ids into vectors of `outputDim` values;
    /// with `maskZero`, id 0 marks padding (see the type's description).
    public init(inputDim: Int, outputDim: Int, embeddingsInitializer: Initializer = .uniform, maskZero: Bool = false) {
        precondition(inputDim > 0 && outputDim > 0,
                     "Embedding: inputDim and outputDim must be positive, got \(inputDim) and \(outputDim)")
        precondition(inputDim <= Tensor.largestExactIndex,
                     "Embedding: inputDim \(inputDim) exceeds 2^24, the ids a float tensor holds exactly")
        self.inputDim = inputDim
        self.outputDim = outputDim
        self.embeddingsInitializer = embeddingsInitializer
        self.maskZero = maskZero
        super.init()
    }

    /// Makes the table.
    public override func build(inputShape: [Int]) throws {
        embeddings = Parameter(embeddingsInitializer([inputDim, outputDim]))
    }

    /// The input shape with an axis of `outputDim` appended.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        inputShape + [outputDim]
    }

    /// The vector of each id.
    public override func call(_ input: Tensor) -> Tensor {
        guard let embeddings else { preconditionFailure("Embedding '\(name)': called before it was built") }
        return Tensor.embeddingLookup(embeddings.value, indices: input)
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["input_dim": .int(inputDim), "output_dim": .int(outputDim),
         "embeddings_initializer": .string(embeddingsInitializer.name), "mask_zero": .bool(maskZero)]
    }
}

extension Embedding: ConfigurableLayer {
    /// `"Embedding"`.
    public static var typeName: String { "Embedding" }

    /// An Embedding layer from its saved configuration.
    public convenience init(configuration: [String: ConfigurationValue]) throws {
        let inputDim = try LayerConfigurationLimit.checked(configuration.requiredInt("input_dim", of: Self.typeName),
                                                           argument: "input_dim", of: Self.typeName)
        let outputDim = try LayerConfigurationLimit.checked(configuration.requiredInt("output_dim", of: Self.typeName),
                                                            argument: "output_dim", of: Self.typeName)
        self.init(inputDim: inputDim, outputDim: outputDim,
                  embeddingsInitializer: try configuration.initializer("embeddings_initializer", of: Self.typeName,
                                                                       default: .uniform),
                  maskZero: try configuration.bool("mask_zero", of: Self.typeName, default: false))
    }
}

extension Embedding: PlansParameters {
    func plannedParameterCount(forInputShape inputShape: [Int]) -> Int? {
        let (count, overflow) = inputDim.multipliedReportingOverflow(by: outputDim)
        return overflow ? nil : count
    }
}

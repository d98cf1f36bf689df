/// A small decoder-only transformer (GPT-2's shape, nanoGPT's defaults for a
/// character model): token and position embeddings, `layers` pre-norm blocks
/// of causal self-attention and a GELU MLP, a final `LayerNormalization`, and
/// an output head tied to the token embedding (logits = h · Eᵀ).
///
/// The input is `[batch, time]` token ids (as floats, see `Embedding`) with
/// `time ≤ blockSize`; the output is `[batch, time, vocabularySize]` logits.
///
/// ```swift
/// let gpt = GPT(vocabularySize: 65, blockSize: 64, layers: 4, heads: 4, width: 128)
/// let logits = gpt(Tensor(indices: ids, shape: [1, ids.count]))
/// ```
/// A GPT saves and loads with `save(to:)` and `Model.load(from:)` with no
/// registration: its configuration is stored with the weights.
public final class GPT: Model {
    /// The number of distinct tokens.
    public let vocabularySize: Int
    /// The longest context.
    public let blockSize: Int
    /// The number of transformer blocks.
    public let layerCount: Int
    /// Attention heads per block.
    public let headCount: Int
    /// The embedding width.
    public let width: Int
    /// Whether the blocks' projections have biases and the normalisations
    /// offsets (nanoGPT's `bias`; its Shakespeare configuration has none).
    public let useBias: Bool
    /// Token ids → vectors; its table is also the output head.
    public let tokenEmbedding: Embedding
    /// Learned position vectors.
    public let positionEmbedding: PositionalEmbedding
    /// The transformer blocks, in order.
    public let blocks: [TransformerBlock]
    /// The normalisation before the head.
    public let finalNorm: LayerNormalization

    /// A GPT; weights are drawn from N(0, 0.02²) as in GPT-2, except the
    /// projections into the residual stream, drawn from N(0, (0.02/√(2·layers))²)
    /// so that the stream's variance does not grow with depth (GPT-2's scaling).
    /// `useBias: false` leaves out every bias and normalisation offset, as
    /// nanoGPT's `bias=False`.
    public init(vocabularySize: Int, blockSize: Int, layers: Int, heads: Int, width: Int, useBias: Bool = true) {
        precondition(vocabularySize > 0 && blockSize > 0 && layers > 0,
                     "GPT: vocabularySize, blockSize and layers must be positive")
        self.vocabularySize = vocabularySize
        self.blockSize = blockSize
        self.layerCount = layers
        self.headCount = heads
        self.width = width
        self.useBias = useBias
        let initializer = Initializer.normal(standardDeviation: 0.02)
        tokenEmbedding = Embedding(inputDim: vocabularySize, outputDim: width, embeddingsInitializer: initializer)
        positionEmbedding = PositionalEmbedding(sequenceLength: blockSize, initializer: initializer)
        let residual = Initializer.normal(standardDeviation: 0.02 / Float(2 * layers).squareRoot())
        blocks = (0..<layers).map { _ in
            TransformerBlock(width: width, heads: heads, initializer: initializer, residualInitializer: residual,
                             useBias: useBias)
        }
        finalNorm = LayerNormalization(epsilon: 1e-5, center: useBias)
        super.init()
    }

    /// Logits for every position of `input` (`[batch, time]` token ids).
    public override func call(_ input: Tensor) -> Tensor {
        precondition(input.rank == 2 && input.shape[1] <= blockSize,
                     "GPT: input \(input.shape) must be [batch, time] with time ≤ blockSize \(blockSize)")
        var hidden = positionEmbedding(tokenEmbedding(input))
        for block in blocks { hidden = block(hidden) }
        return head(finalNorm(hidden))
    }

    /// Logits for `tokens` (`[batch, new]`), the positions that follow those
    /// in `caches` (one per block, extended here): a generation step.
    public func logits(continuing tokens: Tensor, caches: inout [KeyValueCache]) -> Tensor {
        if caches.isEmpty { caches = Array(repeating: KeyValueCache(), count: blocks.count) }
        precondition(caches.count == blocks.count, "GPT.logits: \(caches.count) caches for \(blocks.count) blocks")
        var hidden = positionEmbedding(tokenEmbedding(tokens), startingAt: caches[0].count)
        for (index, block) in blocks.enumerated() { hidden = block(hidden, cache: &caches[index]) }
        return head(finalNorm(hidden))
    }

    /// `hidden · Eᵀ`, the head tied to the token embedding.
    private func head(_ hidden: Tensor) -> Tensor {
        guard let table = tokenEmbedding.embeddings else { preconditionFailure("GPT: called before it was built") }
        return hidden.matmul(table.value.transposed())
    }

    /// The constructor arguments; `use_bias` is written only when false, so
    /// files from before it existed read the same.
    public override var configuration: [String: ConfigurationValue] {
        var configuration: [String: ConfigurationValue] = [
            "vocabulary_size": .int(vocabularySize), "block_size": .int(blockSize), "layers": .int(layerCount),
            "heads": .int(headCount), "width": .int(width)]
        if !useBias { configuration["use_bias"] = .bool(false) }
        return configuration
    }
}

extension GPT: ConfigurableLayer {
    /// `"GPT"`.
    public static var typeName: String { "GPT" }

    /// A GPT from its saved configuration.
    public convenience init(configuration: [String: ConfigurationValue]) throws {
        func size(_ key: String) throws -> Int {
            try LayerConfigurationLimit.checked(configuration.requiredInt(key, of: Self.typeName), argument: key, of: Self.typeName)
        }
        let width = try size("width"), heads = try size("heads"), layers = try size("layers")
        guard layers <= GPT.maximumLayersInFile else {
            throw ConfigurationError.invalidArgument(layerType: Self.typeName, argument: "layers",
                                                     reason: "must be at most \(GPT.maximumLayersInFile), got \(layers)")
        }
        guard width % heads == 0 else {
            throw ConfigurationError.invalidArgument(layerType: Self.typeName, argument: "heads",
                                                     reason: "must divide width \(width), got \(heads)")
        }
        let vocabularySize = try size("vocabulary_size"), blockSize = try size("block_size")
        try GPT.checkSize(vocabularySize: vocabularySize, blockSize: blockSize, layers: layers, heads: heads, width: width)
        self.init(vocabularySize: vocabularySize, blockSize: blockSize, layers: layers, heads: heads, width: width,
                  useBias: try configuration.bool("use_bias", of: Self.typeName, default: true))
    }

    /// Throws unless a GPT of this shape stays within `ModelSizeLimits.default`:
    /// its parameters, and its largest activations at the block size (the
    /// attention scores of one example, the MLP's widened features).
    static func checkSize(vocabularySize: Int, blockSize: Int, layers: Int, heads: Int, width: Int) throws {
        let limits = ModelSizeLimits.default
        let (v, t, l, h, c) = (Double(vocabularySize), Double(blockSize), Double(layers), Double(heads), Double(width))
        let parameters = v * c + t * c + l * (12 * c * c + 13 * c) + 2 * c
        guard parameters <= Double(limits.maximumParameterCount) else {
            throw ConfigurationError.invalidArgument(
                layerType: typeName, argument: "width",
                reason: "makes about \(Int(parameters)) parameters, more than the limit of \(limits.maximumParameterCount)")
        }
        guard h * t * t <= Double(limits.maximumActivationCount), 4 * c * t <= Double(limits.maximumActivationCount) else {
            throw ConfigurationError.invalidArgument(
                layerType: typeName, argument: "block_size",
                reason: "\(blockSize) makes activations larger than the limit of \(limits.maximumActivationCount) values")
        }
    }

    /// The most blocks a saved configuration may ask for (each block is an
    /// object made before any weight is read).
    static let maximumLayersInFile = 1024
}

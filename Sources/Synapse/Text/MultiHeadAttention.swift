/// Multi-head attention (Keras's `MultiHeadAttention`, PyTorch's
/// `nn.MultiheadAttention`): the query, key and value are projected, split
/// into `numHeads` heads, attended with a fused scaled-dot-product attention
/// (`Tensor.scaledDotProductAttention`) and projected back.
///
/// ```swift
/// let attention = MultiHeadAttention(numHeads: 4, keyDim: 32)
/// let y = attention(query: x, value: x, useCausalMask: true)   // x: [batch, time, 128]
/// ```
/// Called as a plain layer (`attention(x)`) it is self-attention without a
/// mask. The projections are `Dense` layers with kernels
/// `[features, numHeads·keyDim]`; head `h` uses columns `h·keyDim ..< (h+1)·keyDim`.
public final class MultiHeadAttention: Layer {
    /// The number of heads.
    public let numHeads: Int
    /// The width of each head's queries and keys.
    public let keyDim: Int
    /// The width of each head's values.
    public let valueDim: Int
    /// Whether the projections add biases.
    public let useBias: Bool
    /// The query projection, `[features, numHeads·keyDim]`.
    public let queryDense: Dense
    /// The key projection, `[features, numHeads·keyDim]`.
    public let keyDense: Dense
    /// The value projection, `[features, numHeads·valueDim]`.
    public let valueDense: Dense
    /// The output projection back to the query's width; built on first call.
    public private(set) var outputDense: Dense?
    /// Draws the output projection's kernel.
    public let outputKernelInitializer: Initializer

    /// Attention with `numHeads` heads of width `keyDim` (values: `valueDim`,
    /// by default `keyDim`). The output projection's kernel is drawn by
    /// `outputKernelInitializer`, by default `kernelInitializer`.
    public init(numHeads: Int, keyDim: Int, valueDim: Int? = nil, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, outputKernelInitializer: Initializer? = nil) {
        precondition(numHeads > 0 && keyDim > 0 && (valueDim ?? keyDim) > 0,
                     "MultiHeadAttention: numHeads, keyDim and valueDim must be positive")
        self.numHeads = numHeads
        self.keyDim = keyDim
        self.valueDim = valueDim ?? keyDim
        self.useBias = useBias
        self.outputKernelInitializer = outputKernelInitializer ?? kernelInitializer
        queryDense = Dense(numHeads * keyDim, useBias: useBias, kernelInitializer: kernelInitializer)
        keyDense = Dense(numHeads * keyDim, useBias: useBias, kernelInitializer: kernelInitializer)
        valueDense = Dense(numHeads * (valueDim ?? keyDim), useBias: useBias, kernelInitializer: kernelInitializer)
        super.init()
        useDefaultName("multi_head_attention")
    }

    /// The sublayers run while the layer is built.
    public override var isContainer: Bool { true }

    /// Makes the output projection for queries of `inputShape.last` features.
    public override func build(inputShape: [Int]) throws {
        guard inputShape.count == 2, let features = inputShape.last, features > 0 else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShape,
                                               reason: "MultiHeadAttention needs inputs [sequence, features]")
        }
        outputDense = Dense(features, useBias: useBias, kernelInitializer: outputKernelInitializer)
    }

    /// Self-attention without a mask.
    public override func call(_ input: Tensor) -> Tensor {
        callAsFunction(query: input, value: input)
    }

    /// Attention of `query` (`[batch, queries, features]`) over `value` and
    /// `key` (`[batch, keys, features]`; `key` defaults to `value`). With
    /// `useCausalMask`, query `i` sees only keys up to `i` (counted from the
    /// end when there are more keys than queries). `keyMask` (`[batch, keys]`,
    /// 0 for padding) hides padded keys from every query, as Keras's mask on
    /// the value; a query that sees no key gives the output bias alone.
    public func callAsFunction(query: Tensor, value: Tensor, key: Tensor? = nil, useCausalMask: Bool = false,
                               keyMask: Tensor? = nil) -> Tensor {
        if !isBuilt {
            do { try buildOnce(inputShape: Array(query.shape.dropFirst())) } catch { preconditionFailure("\(error)") }
        }
        let projectedQuery = queryDense(query)
        let projectedKey = keyDense(key ?? value)
        let projectedValue = valueDense(value)
        return attend(query: projectedQuery, key: projectedKey, value: projectedValue, causal: useCausalMask,
                      keyMask: keyMask)
    }

    /// The attention and output projection, for projections already made.
    func attend(query: Tensor, key: Tensor, value: Tensor, causal: Bool, keyMask: Tensor? = nil) -> Tensor {
        guard let outputDense else { preconditionFailure("MultiHeadAttention '\(name)': called before it was built") }
        // While a model is built (or loaded) only shapes matter: skip the
        // [batch, heads, queries, keys] scores a file could make huge.
        let heads = ShapeInference.current != nil
            ? Tensor.zeros([query.shape[0], query.shape[1], numHeads * valueDim])
            : Tensor.scaledDotProductAttention(query: query, key: key, value: value, heads: numHeads, causal: causal,
                                               keyMask: keyMask)
        return outputDense(heads)
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["num_heads": .int(numHeads), "key_dim": .int(keyDim), "value_dim": .int(valueDim), "use_bias": .bool(useBias)]
    }
}

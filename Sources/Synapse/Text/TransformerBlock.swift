/// One pre-norm decoder block of a GPT: `x + attention(norm₁(x))`, then
/// `x + mlp(norm₂(x))`, where the attention is causal self-attention and
/// the MLP widens to 4× with GELU and projects back.
public final class TransformerBlock: Layer {
    /// Normalises the block's input before attention.
    public let attentionNorm: LayerNormalization
    /// Causal self-attention.
    public let attention: MultiHeadAttention
    /// Normalises before the MLP.
    public let mlpNorm: LayerNormalization
    /// The MLP's widening layer, with GELU.
    public let mlpExpand: Dense
    /// The MLP's projection back to the block's width.
    public let mlpProject: Dense

    /// A block of `width` features with `heads` attention heads; weights are
    /// drawn by `initializer`, except the two projections that feed the
    /// residual stream (attention output and MLP output), drawn by
    /// `residualInitializer` (by default `initializer`). Without `useBias`
    /// (nanoGPT's `bias=False`) the projections have no bias and the
    /// normalisations no offset β.
    public init(width: Int, heads: Int, initializer: Initializer = .glorotUniform,
                residualInitializer: Initializer? = nil, useBias: Bool = true) {
        precondition(width > 0 && heads > 0 && width % heads == 0,
                     "TransformerBlock: width \(width) must split evenly into \(heads) heads")
        attentionNorm = LayerNormalization(epsilon: 1e-5, center: useBias)
        attention = MultiHeadAttention(numHeads: heads, keyDim: width / heads, useBias: useBias,
                                       kernelInitializer: initializer,
                                       outputKernelInitializer: residualInitializer ?? initializer)
        mlpNorm = LayerNormalization(epsilon: 1e-5, center: useBias)
        mlpExpand = Dense(4 * width, activation: .gelu, useBias: useBias, kernelInitializer: initializer)
        mlpProject = Dense(width, useBias: useBias, kernelInitializer: residualInitializer ?? initializer)
        super.init()
        useDefaultName("transformer_block")
    }

    /// The sublayers run while the block is built.
    public override var isContainer: Bool { true }

    /// The block applied to `[batch, time, width]`.
    public override func call(_ input: Tensor) -> Tensor {
        let normed = attentionNorm(input)
        let attended = input + attention(query: normed, value: normed, useCausalMask: true)
        return attended + mlpProject(mlpExpand(mlpNorm(attended)))
    }

    /// The block applied to new positions only, attending over the keys and
    /// values in `cache` (which gains this step's).
    func callAsFunction(_ input: Tensor, cache: inout KeyValueCache) -> Tensor {
        let normed = attentionNorm(input)
        cache.append(keys: attention.keyDense(normed), values: attention.valueDense(normed))
        let attended = input + attention.attend(query: attention.queryDense(normed), key: cache.keys,
                                                value: cache.values, causal: true)
        return attended + mlpProject(mlpExpand(mlpNorm(attended)))
    }
}

/// A layer that takes part in Keras's masking: padded steps of a sequence
/// are marked by a mask that travels with the data from layer to layer, so
/// that the layers that care (recurrent layers, global pools) skip them.
///
/// ## The design
/// A mask is a `[batch, time]` tensor of 1s (a real step) and 0s (padding),
/// the same 0/1 tensor `LSTM(_:mask:)` has always taken. It is not stored
/// in the `Tensor` (Keras hangs it on the tensor as `_keras_mask`); the
/// models that run layers carry it beside each value instead: `Sequential`
/// from one layer to the next, and a `Functional` graph along its edges.
/// A layer's part is said by the protocols it conforms to:
/// - `MaskingLayer` (Keras's `supports_masking`): the layer keeps a mask.
///   By default the mask passes through unchanged, which suits layers whose
///   output steps line up with their input steps (`Dense`, `Activation`,
///   `Dropout`, `LayerNormalization`). A layer that makes or changes a mask
///   implements `computeMask(for:mask:)`: `Embedding(maskZero: true)` makes
///   one from its ids; a recurrent layer without `returnSequences` ends it.
/// - `MaskConsumingLayer`: the layer's computation reads the mask, in
///   `call(_:mask:)`: `SimpleRNN`, `LSTM`, `GRU` and `Bidirectional` skip
///   masked steps, `GlobalAveragePool1D` and `GlobalMaxPool1D` leave them out,
///   `MultiHeadAttention` hides them as keys.
/// - Any other layer ends the mask: its output has none (Keras 3 does the
///   same, with a warning), as `Flatten` or `Conv1D`.
///
/// Nothing is computed for masks until a layer makes one: a model without
/// `Embedding(maskZero: true)` runs as before. To pass a mask by hand (in a
/// subclassed `Model`), ask the layer that makes it and give it to the next:
/// ```swift
/// let embedding = Embedding(inputDim: 1000, outputDim: 32, maskZero: true)
/// let lstm = LSTM(32)
/// let vectors = embedding(ids)
/// let last = lstm(vectors, mask: embedding.computeMask(for: ids, mask: nil))
/// ```
public protocol MaskingLayer: Layer {
    /// The mask of the output for `input`, whose own mask is `mask` (nil
    /// when it has none); nil when the output has no mask. By default, `mask`.
    func computeMask(for input: Tensor, mask: Tensor?) -> Tensor?
}

extension MaskingLayer {
    /// The input's mask, unchanged: the output's steps are the input's.
    public func computeMask(for input: Tensor, mask: Tensor?) -> Tensor? { mask }
}

/// A layer whose computation reads the mask of its input (see
/// `MaskingLayer` for the design): it skips, or leaves out, masked steps.
public protocol MaskConsumingLayer: MaskingLayer {
    /// The output for `input` (`[batch, time, …]`), where `mask`
    /// (`[batch, time]`, 1 for a real step, 0 for padding) marks the steps
    /// to skip. Called through `callAsFunction(_:mask:)`, which builds the
    /// layer on its first call.
    func call(_ input: Tensor, mask: Tensor) -> Tensor
}

extension MultiHeadAttention: MaskConsumingLayer {
    /// Self-attention in which padded steps are hidden as keys from every
    /// query (Keras's value mask). Padded queries still attend to the real
    /// steps; Keras also masks them as queries, which only changes the
    /// outputs at padded steps, which the mask hides from later layers.
    public func call(_ input: Tensor, mask: Tensor) -> Tensor {
        input.checkSequenceMask(mask, for: "MultiHeadAttention '\(name)'")
        return callAsFunction(query: input, value: input, keyMask: mask)
    }

    /// The mask itself: each output step is its query's (Keras passes on the query's mask).
    public func computeMask(for input: Tensor, mask: Tensor?) -> Tensor? { mask }
}

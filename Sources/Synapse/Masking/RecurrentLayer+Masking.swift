extension RecurrentLayer: MaskConsumingLayer {
    /// The output with masked steps skipped: each carries the states and
    /// repeats the previous output (zeros before the first computed step),
    /// as Keras's `zero_output_for_mask=False`.
    public func call(_ input: Tensor, mask: Tensor) -> Tensor {
        callReturningState(input, initialState: nil, mask: mask).output
    }

    /// The mask itself with `returnSequences` (the output has the input's
    /// steps, in processing order for `goBackwards`, as in Keras); nil
    /// otherwise, since the last output has no steps left to mask.
    public func computeMask(for input: Tensor, mask: Tensor?) -> Tensor? {
        returnSequences ? mask : nil
    }
}

extension Bidirectional: MaskConsumingLayer {
    /// The merged output with masked steps skipped by both directions
    /// (zeros at masked steps of a returned sequence, as Keras).
    public func call(_ input: Tensor, mask: Tensor) -> Tensor {
        callReturningState(input, initialState: nil, mask: mask).output
    }

    /// The mask itself when the sequence is returned; nil otherwise.
    public func computeMask(for input: Tensor, mask: Tensor?) -> Tensor? {
        forwardLayer.returnSequences ? mask : nil
    }
}

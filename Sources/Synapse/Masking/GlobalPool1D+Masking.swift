extension GlobalAveragePool1D: MaskConsumingLayer {
    /// The mean of each channel over the unmasked steps only (Keras's
    /// masked `GlobalAveragePooling1D`). A row whose steps are all masked
    /// gives zeros (Keras divides 0 by 0 there and gives NaN).
    public func call(_ input: Tensor, mask: Tensor) -> Tensor {
        precondition(input.rank == 3, "GlobalAveragePool1D '\(name)': expected [batch, steps, channels], got \(input.shape)")
        input.checkSequenceMask(mask, for: "GlobalAveragePool1D '\(name)'")
        let kept = input.broadcastableSequenceMask(mask)
        let counts = kept.sum(alongAxis: 1)
        return (input * kept).sum(alongAxis: 1) / (counts + (counts .== 0))
    }

    /// Nil: the pooled output has no steps, so the mask ends here.
    public func computeMask(for input: Tensor, mask: Tensor?) -> Tensor? { nil }
}

extension GlobalMaxPool1D: MaskConsumingLayer {
    /// The largest value of each channel over the unmasked steps only; a
    /// row whose steps are all masked gives zeros. (Keras 3's
    /// `GlobalMaxPooling1D` does not support masking: it warns, drops the
    /// mask and takes the maximum over every step, padding included.)
    public func call(_ input: Tensor, mask: Tensor) -> Tensor {
        precondition(input.rank == 3, "GlobalMaxPool1D '\(name)': expected [batch, steps, channels], got \(input.shape)")
        input.checkSequenceMask(mask, for: "GlobalMaxPool1D '\(name)'")
        let kept = input.broadcastableSequenceMask(mask)
        // Masked steps sink far below any real value; the gradient never reaches them.
        let maximum = (input + (kept - 1) * Self.maskedStepOffset).max(alongAxis: 1)
        return maximum * (kept.sum(alongAxis: 1) .> 0)
    }

    /// Nil: the pooled output has no steps, so the mask ends here.
    public func computeMask(for input: Tensor, mask: Tensor?) -> Tensor? { nil }

    /// How far below the others a masked step's values are put.
    private static let maskedStepOffset: Float = 1e30
}

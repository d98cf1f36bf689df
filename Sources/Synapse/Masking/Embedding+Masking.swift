extension Embedding: MaskingLayer {
    /// With `maskZero`, 1 where the id is not 0 and 0 where it is (the
    /// input's shape, `[batch, time]` for a sequence); otherwise `mask`.
    public func computeMask(for input: Tensor, mask: Tensor?) -> Tensor? {
        maskZero ? input .!= Tensor(0) : mask
    }
}

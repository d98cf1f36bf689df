extension Tensor {
    /// Checks that `mask` is a `[batch, time]` mask for this `[batch, time, …]`
    /// sequence; traps naming `operation` and both shapes otherwise.
    func checkSequenceMask(_ mask: Tensor, for operation: String) {
        precondition(rank >= 2 && mask.shape == [shape[0], shape[1]],
                     "\(operation): the mask \(mask.shape) must be [batch, time] = \(Array(shape.prefix(2))) for the input \(shape)")
    }

    /// The `[batch, time]` mask as `[batch, time, 1, …]`, to broadcast over
    /// this sequence's remaining axes.
    func broadcastableSequenceMask(_ mask: Tensor) -> Tensor {
        mask.reshaped(to: mask.shape + Array(repeating: 1, count: rank - 2))
    }
}

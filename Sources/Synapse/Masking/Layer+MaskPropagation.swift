extension Layer {
    /// Runs the layer on `input`, whose mask is `mask`, and returns its
    /// output and the output's mask: what `Sequential` and `Functional` do
    /// for each layer (see `MaskingLayer`). A layer that does not take part
    /// in masking runs as usual and ends the mask.
    func callPropagatingMask(_ input: Tensor, mask: Tensor?) -> (output: Tensor, mask: Tensor?) {
        guard let masking = self as? any MaskingLayer else { return (self(input), nil) }
        let output: Tensor
        if let mask, let consumer = masking as? any MaskConsumingLayer {
            output = consumer(input, mask: mask)
        } else {
            output = self(input)
        }
        return (output, masking.computeMask(for: input, mask: mask))
    }
}

extension MaskConsumingLayer {
    /// The output for `input` with the steps where `mask` (`[batch, time]`,
    /// 0 or 1) is 0 skipped or left out; without a mask, the plain call.
    /// Builds the layer on its first call, as `callAsFunction(_:)` does.
    public func callAsFunction(_ input: Tensor, mask: Tensor?) -> Tensor {
        guard let mask else { return self(input) }
        return run(input) { self.call($0, mask: mask) }
    }
}

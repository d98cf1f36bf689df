/// Sets a random fraction `rate` of inputs to zero during training and scales
/// the rest by 1 / (1 − rate), so inference needs no change (inverted dropout).
/// Works on inputs of any shape, images included.
public final class Dropout: Layer {
    /// The fraction of inputs dropped in training.
    public let rate: Float

    /// A dropout layer; `rate` must be in [0, 1).
    public init(_ rate: Float) {
        precondition(rate >= 0 && rate < 1, "Dropout: rate must be in [0, 1), got \(rate)")
        self.rate = rate
        super.init()
    }

    /// The same shape as the input.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] { inputShape }

    /// The input with a random mask applied in training; unchanged otherwise.
    public override func call(_ input: Tensor) -> Tensor {
        guard isTraining, rate > 0 else { return input }
        let keep = 1 - rate, scale = 1 / keep
        var mask = Tensor(uninitializedShape: input.shape)
        // Keep an element when its 24 random bits, as a fraction of 2^24, fall
        // below `keep` (the test `nextUnitFloat() < keep`, in integers). The
        // generator is a local copy and the test has no branch: through the
        // global, with a branch that mispredicts half the time, dropout took
        // a tenth of a convnet training step.
        let threshold = UInt64((Double(keep) * 16_777_216.0).rounded(.up))
        GlobalRandom.draw { shared in
            var generator = shared
            defer { shared = generator }
            mask.withUnsafeMutableBufferPointer { values in
                for i in values.indices {
                    let kept = ((generator.next() >> 40) &- threshold) >> 63
                    values[i] = Float(kept) * scale
                }
            }
        }
        return input * mask
    }

    /// The constructor arguments.
    public override var configuration: [String: ConfigurationValue] { ["rate": .double(Double(rate))] }
}

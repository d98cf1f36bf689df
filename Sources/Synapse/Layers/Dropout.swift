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
        mask.withUnsafeMutableBufferPointer { values in
            for i in values.indices {
                values[i] = GlobalRandom.generator.nextUnitFloat() < keep ? scale : 0
            }
        }
        return input * mask
    }

    /// The constructor arguments.
    public override var configuration: [String: ConfigurationValue] { ["rate": .double(Double(rate))] }
}

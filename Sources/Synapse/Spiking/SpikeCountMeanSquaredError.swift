/// The mean squared error between spike counts and target counts
/// (snnTorch's `mse_count_loss`): the labelled class should fire on
/// ⌊correctRate·T⌋ steps, the others on ⌊incorrectRate·T⌋.
public final class SpikeCountMeanSquaredError: Loss {
    /// The share of steps the right class should fire on.
    public let correctRate: Float
    /// The share of steps the other classes should fire on.
    public let incorrectRate: Float

    /// The loss, with snnTorch's defaults (1 and 0).
    public init(correctRate: Float = 1, incorrectRate: Float = 0) {
        self.correctRate = correctRate
        self.incorrectRate = incorrectRate
        super.init(name: "spike_count_mean_squared_error")
    }

    /// Targets are class indices.
    public override var takesClassIndices: Bool { true }

    /// The mean over examples and classes of (count − target count)².
    public override func callAsFunction(predictions: Tensor, targets: Tensor) -> Tensor {
        precondition(predictions.rank == 3,
                     "SpikeCountMeanSquaredError: predictions \(predictions.shape) must be [batch, steps, classes]; end the model with TimeReadout")
        let (batch, steps, classes) = (predictions.shape[0], predictions.shape[1], predictions.shape[2])
        let on = Float(Int(Float(steps) * correctRate)), off = Float(Int(Float(steps) * incorrectRate))
        var wanted = [Float](repeating: off, count: batch * classes)
        for (row, label) in targets.scalars.enumerated() where Int(label) >= 0 && Int(label) < classes {
            wanted[row * classes + Int(label)] = on
        }
        return MeanSquaredError()(predictions: predictions.sum(alongAxis: 1), targets: Tensor(shape: [batch, classes], scalars: wanted))
    }
}

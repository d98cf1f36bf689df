/// Cross-entropy on the outputs summed over time: on the summed membrane,
/// or on the spike counts (snnTorch's `ce_count_loss`), whichever the
/// network outputs. Predictions `[batch, steps, classes]`, targets class indices.
public final class TimeSummedCrossEntropy: Loss {
    /// The loss.
    public init() { super.init(name: "time_summed_crossentropy") }

    /// Targets are class indices.
    public override var takesClassIndices: Bool { true }

    /// The batch mean of CE(Σₜ x[t]).
    public override func callAsFunction(predictions: Tensor, targets: Tensor) -> Tensor {
        precondition(predictions.rank == 3,
                     "TimeSummedCrossEntropy: predictions \(predictions.shape) must be [batch, steps, classes]; end the model with TimeReadout")
        return sparseSoftmaxCrossEntropy(logits: predictions.sum(alongAxis: 1), labels: targets)
    }
}

/// Cross-entropy at every time step against the same class label, added up
/// over the steps (snnTorch tutorial 5's loss on the output membrane,
/// Σₜ CE(U[t])) or averaged (`averagedOverSteps`, snnTorch's
/// `ce_rate_loss` on output spikes). Each step's cross-entropy is the batch
/// mean of softmax cross-entropy on that step's values as logits.
///
/// Predictions are `[batch, steps, classes]` (from `TimeReadout`); targets
/// are class indices, `[batch]`.
public final class StepwiseCrossEntropy: Loss {
    /// Whether the steps' losses are averaged rather than summed.
    public let averagedOverSteps: Bool

    /// The loss; snnTorch's tutorial 5 sums (the default), `ce_rate_loss` averages.
    public init(averagedOverSteps: Bool = false) {
        self.averagedOverSteps = averagedOverSteps
        super.init(name: "stepwise_crossentropy")
    }

    /// Targets are class indices.
    public override var takesClassIndices: Bool { true }

    /// Σₜ (or the mean over t of) the batch-mean cross-entropy at step t.
    public override func callAsFunction(predictions: Tensor, targets: Tensor) -> Tensor {
        precondition(predictions.rank == 3,
                     "StepwiseCrossEntropy: predictions \(predictions.shape) must be [batch, steps, classes]; end the model with TimeReadout")
        let (batch, steps, classes) = (predictions.shape[0], predictions.shape[1], predictions.shape[2])
        precondition(targets.count == batch, "StepwiseCrossEntropy: \(batch) examples need \(batch) labels, got \(targets.shape)")
        let labels = targets.scalars
        let perStep = Tensor(shape: [batch * steps], scalars: labels.flatMap { Array(repeating: $0, count: steps) })
        let mean = sparseSoftmaxCrossEntropy(logits: predictions.reshaped(to: [batch * steps, classes]), labels: perStep)
        return averagedOverSteps ? mean : mean * Float(steps)
    }
}

/// What one output of a model with several is trained on: its loss, the
/// weight of that loss in the total, and its metrics (Keras's per-output
/// `loss`, `loss_weights` and `metrics`).
public struct OutputObjective {
    /// The output's loss, or `nil` for an output that is not trained (a
    /// dictionary given to `compile` without its name).
    public let loss: Loss?
    /// The loss's weight in the total loss that training minimises.
    public let weight: Float
    /// What is reported for this output besides its loss.
    public let metrics: [Metric]

    /// An output trained on `loss`, weighted by `weight`, reporting `metrics`.
    public init(loss: Loss?, weight: Float = 1, metrics: [Metric] = []) {
        self.loss = loss
        self.weight = weight
        self.metrics = metrics
    }
}

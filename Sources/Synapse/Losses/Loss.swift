/// A loss function: how far predictions are from targets, averaged over the
/// batch into a scalar tensor that `gradients(wrt:)` can start from.
///
/// Built-in losses are reachable by their Keras names in `compile`:
/// `model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, …)`.
open class Loss {
    /// The Keras name, used in logs and saved compile settings.
    public let name: String

    /// A loss called `name`.
    public init(name: String) { self.name = name }

    /// Whether the targets are integer class indices into the predictions'
    /// last axis. `fit` and `evaluate` then check each batch's labels against
    /// the model's output width before calling the loss, and throw
    /// `TrainingDataError` for a bad one. Override it in a loss that takes
    /// class indices.
    open var takesClassIndices: Bool { false }

    /// The mean loss over the batch.
    open func callAsFunction(predictions: Tensor, targets: Tensor) -> Tensor {
        preconditionFailure("\(type(of: self)) must override callAsFunction(predictions:targets:)")
    }
}

/// A quantity tracked over the batches of an epoch, such as accuracy.
///
/// Metrics accumulate with `update` and report with `result`, like Keras
/// metrics; `fit` resets them at the start of every epoch.
open class Metric {
    /// The name shown in progress lines and history (`"accuracy"`).
    public let name: String

    /// A metric called `name`.
    public init(name: String) { self.name = name }

    /// Forgets everything accumulated.
    open func reset() { preconditionFailure("\(type(of: self)) must override reset()") }

    /// Adds one batch of predictions and targets.
    open func update(predictions: Tensor, targets: Tensor) {
        preconditionFailure("\(type(of: self)) must override update(predictions:targets:)")
    }

    /// The value over everything since the last reset.
    open var result: Double { preconditionFailure("\(type(of: self)) must override result") }

    /// A fresh metric of the same kind and settings (for validation copies).
    open func makeFresh() -> Metric { preconditionFailure("\(type(of: self)) must override makeFresh()") }
}

/// The fraction of examples classified correctly.
///
/// Like Keras's `"accuracy"`, it adapts to the targets on its first update:
/// integer labels (`[batch]`) count as `SparseCategoricalAccuracy`, one-hot
/// targets (`[batch, classes]`) as `CategoricalAccuracy`, and a single output
/// column as `BinaryAccuracy` (0.5 threshold).
public final class Accuracy: Metric {
    private var resolved: Metric?

    /// An accuracy metric named `name`.
    public override init(name: String = "accuracy") { super.init(name: name) }

    /// Forgets all counts.
    public override func reset() { resolved = nil }

    /// Counts the batch's correct predictions.
    public override func update(predictions: Tensor, targets: Tensor) {
        if resolved == nil {
            let classes = predictions.shape.last ?? 1
            let rows = predictions.count / Swift.max(classes, 1)
            if classes == 1 {
                resolved = BinaryAccuracy(name: name)
            } else if targets.count == rows {
                resolved = SparseCategoricalAccuracy(name: name)
            } else {
                resolved = CategoricalAccuracy(name: name)
            }
        }
        resolved!.update(predictions: predictions, targets: targets)
    }

    /// Correct / seen, or 0 before any update.
    public override var result: Double { resolved?.result ?? 0 }

    /// A fresh accuracy metric.
    public override func makeFresh() -> Metric { Accuracy(name: name) }
}

extension Metric {
    /// Accuracy, as Keras's `"accuracy"`.
    public static var accuracy: Metric { Accuracy() }
}

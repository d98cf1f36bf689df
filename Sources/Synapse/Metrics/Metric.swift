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
/// Like Keras's `"accuracy"`, it adapts to the targets: integer labels
/// (`[batch]`) are compared with the predicted class (argmax); one-hot targets
/// (`[batch, classes]`) by argmax on both sides; a single output column by a
/// 0.5 threshold.
public final class Accuracy: Metric {
    private var correct = 0.0
    private var total = 0.0

    /// An accuracy metric named `name`.
    public override init(name: String = "accuracy") { super.init(name: name) }

    /// Forgets all counts.
    public override func reset() { correct = 0; total = 0 }

    /// Counts the batch's correct predictions.
    public override func update(predictions: Tensor, targets: Tensor) {
        let classes = predictions.shape.last ?? 1
        let rows = predictions.count / Swift.max(classes, 1)
        let p = predictions.storage.pointer, t = targets.storage.pointer
        var hits = 0
        if classes == 1 {
            precondition(targets.count == rows, "Accuracy: predictions \(predictions.shape) and targets \(targets.shape) differ")
            for i in 0..<rows where (p[i] > 0.5) == (t[i] > 0.5) { hits += 1 }
        } else if targets.count == rows {
            for i in 0..<rows where argmax(p + i * classes, classes) == Int(t[i]) { hits += 1 }
        } else {
            precondition(targets.count == predictions.count,
                         "Accuracy: predictions \(predictions.shape) and targets \(targets.shape) differ")
            for i in 0..<rows where argmax(p + i * classes, classes) == argmax(t + i * classes, classes) { hits += 1 }
        }
        correct += Double(hits)
        total += Double(rows)
    }

    /// Correct / seen, or 0 before any update.
    public override var result: Double { total > 0 ? correct / total : 0 }

    /// A fresh accuracy metric.
    public override func makeFresh() -> Metric { Accuracy(name: name) }

    private func argmax(_ row: UnsafeMutablePointer<Float>, _ count: Int) -> Int {
        var best = 0
        for j in 1..<count where row[j] > row[best] { best = j }
        return best
    }
}

extension Metric {
    /// Accuracy, as Keras's `"accuracy"`.
    public static var accuracy: Metric { Accuracy() }
}

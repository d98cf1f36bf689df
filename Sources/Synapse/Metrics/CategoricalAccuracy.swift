/// The fraction of examples whose predicted class (argmax) equals the
/// target's class (argmax of the one-hot target), as Keras's
/// `CategoricalAccuracy`.
public final class CategoricalAccuracy: Metric {
    private var correct = 0.0
    private var total = 0.0

    /// The metric, named `name`.
    public override init(name: String = "categorical_accuracy") { super.init(name: name) }

    /// Forgets all counts.
    public override func reset() { correct = 0; total = 0 }

    /// Counts the batch: `predictions` and one-hot `targets` share the shape `[batch, classes]`.
    public override func update(predictions: Tensor, targets: Tensor) {
        precondition(predictions.shape == targets.shape,
                     "\(name): predictions \(predictions.shape) and one-hot targets \(targets.shape) must have the same shape; for integer labels use SparseCategoricalAccuracy")
        let classes = predictions.shape.last ?? 1
        let rows = predictions.count / Swift.max(classes, 1)
        let p = predictions.storage.pointer, t = targets.storage.pointer
        var hits = 0
        for i in 0..<rows where rowArgmax(p + i * classes, classes) == rowArgmax(t + i * classes, classes) { hits += 1 }
        correct += Double(hits)
        total += Double(rows)
    }

    /// Correct / seen, or 0 before any update.
    public override var result: Double { total > 0 ? correct / total : 0 }

    /// A fresh metric with the same name.
    public override func makeFresh() -> Metric { CategoricalAccuracy(name: name) }
}

extension Metric {
    /// Accuracy against one-hot targets, as Keras's `"categorical_accuracy"`.
    public static var categoricalAccuracy: Metric { CategoricalAccuracy() }
}

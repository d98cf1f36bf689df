/// The fraction of examples whose predicted class (argmax of the last axis)
/// equals the integer label, as Keras's `SparseCategoricalAccuracy`.
public final class SparseCategoricalAccuracy: Metric {
    private var correct = 0.0
    private var total = 0.0

    /// The metric, named `name`.
    public override init(name: String = "sparse_categorical_accuracy") { super.init(name: name) }

    /// Forgets all counts.
    public override func reset() { correct = 0; total = 0 }

    /// Counts the batch: `predictions` is `[batch, classes]`, `targets` holds
    /// one class index per row (`[batch]` or `[batch, 1]`).
    public override func update(predictions: Tensor, targets: Tensor) {
        let classes = predictions.shape.last ?? 1
        let rows = predictions.count / Swift.max(classes, 1)
        precondition(targets.count == rows,
                     "\(name): predictions \(predictions.shape) need one integer label per row (\(rows)), got targets of shape \(targets.shape)")
        let p = predictions.storage.pointer, t = targets.storage.pointer
        var hits = 0
        for i in 0..<rows where Float(rowArgmax(p + i * classes, classes)) == t[i] { hits += 1 }
        correct += Double(hits)
        total += Double(rows)
    }

    /// Correct / seen, or 0 before any update.
    public override var result: Double { total > 0 ? correct / total : 0 }

    /// A fresh metric with the same name.
    public override func makeFresh() -> Metric { SparseCategoricalAccuracy(name: name) }
}

extension Metric {
    /// Accuracy against integer labels, as Keras's `"sparse_categorical_accuracy"`.
    public static var sparseCategoricalAccuracy: Metric { SparseCategoricalAccuracy() }
}

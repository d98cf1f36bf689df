/// The fraction of elements where the prediction, thresholded, equals the
/// 0/1 target, as Keras's `BinaryAccuracy`: a prediction counts as 1 when it
/// is greater than `threshold`.
public final class BinaryAccuracy: Metric {
    /// Predictions above this count as 1.
    public let threshold: Float
    private var correct = 0.0
    private var total = 0.0

    /// The metric; use `threshold: 0` when the model outputs logits.
    public init(name: String = "binary_accuracy", threshold: Float = 0.5) {
        self.threshold = threshold
        super.init(name: name)
    }

    /// Forgets all counts.
    public override func reset() { correct = 0; total = 0 }

    /// Counts every element of the batch; `targets` holds one 0/1 value per prediction.
    public override func update(predictions: Tensor, targets: Tensor) {
        precondition(predictions.count == targets.count,
                     "\(name): predictions \(predictions.shape) and targets \(targets.shape) hold different numbers of elements")
        let p = predictions.storage.pointer, t = targets.storage.pointer
        var hits = 0
        for i in 0..<predictions.count where (p[i] > threshold) == (t[i] > 0.5) { hits += 1 }
        correct += Double(hits)
        total += Double(predictions.count)
    }

    /// Correct / seen, or 0 before any update.
    public override var result: Double { total > 0 ? correct / total : 0 }

    /// A fresh metric with the same name and threshold.
    public override func makeFresh() -> Metric { BinaryAccuracy(name: name, threshold: threshold) }
}

extension Metric {
    /// Accuracy of 0/1 predictions at threshold 0.5, as Keras's `"binary_accuracy"`.
    public static var binaryAccuracy: Metric { BinaryAccuracy() }
}

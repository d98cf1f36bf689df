/// The fraction of examples whose class with the most spikes (or the
/// largest summed output) is the label: snnTorch's accuracy from spike
/// counts. Predictions are `[batch, steps, classes]`.
///
/// With a `threshold`, the outputs are membranes and a step counts as a
/// spike where U > threshold; without one, the outputs are summed as they
/// are (spike counts for spikes, the summed membrane for membranes).
/// Ties go to the first class, as `argmax` does.
public final class SpikeCountAccuracy: Metric {
    /// The firing threshold when the outputs are membranes, else nil.
    public let threshold: Float?
    private var correct = 0, total = 0

    /// The metric; named `spike_count_accuracy` with a threshold and
    /// `time_summed_accuracy` without, unless `name` is given.
    public init(threshold: Float? = nil, name: String? = nil) {
        self.threshold = threshold
        super.init(name: name ?? (threshold == nil ? "time_summed_accuracy" : "spike_count_accuracy"))
    }

    /// Forgets all counts.
    public override func reset() { correct = 0; total = 0 }

    /// Counts the batch's correct predictions.
    public override func update(predictions: Tensor, targets: Tensor) {
        precondition(predictions.rank == 3 && targets.count == predictions.shape[0],
                     "\(name): predictions \(predictions.shape) must be [batch, steps, classes] with one label each, got targets \(targets.shape)")
        let counts = SpikeCountAccuracy.summedOverTime(predictions, threshold: threshold)
        let classes = predictions.shape[2]
        let labels = targets.scalars
        counts.withUnsafeBufferPointer { values in
            for (row, label) in labels.enumerated() where Float(rowArgmax(values.baseAddress! + row * classes, classes)) == label {
                correct += 1
            }
        }
        total += labels.count
    }

    /// `[batch, classes]`: each class's spike count (or summed output) over the steps.
    public static func summedOverTime(_ predictions: Tensor, threshold: Float?) -> Tensor {
        withoutGradients {
            guard let threshold else { return predictions.sum(alongAxis: 1) }
            return (predictions - threshold).mapElements { $0 > 0 ? 1 : 0 }.sum(alongAxis: 1)
        }
    }

    /// Correct / seen, or 0 before any update.
    public override var result: Double { total > 0 ? Double(correct) / Double(total) : 0 }

    /// A fresh metric with the same settings.
    public override func makeFresh() -> Metric { SpikeCountAccuracy(threshold: threshold, name: name) }
}

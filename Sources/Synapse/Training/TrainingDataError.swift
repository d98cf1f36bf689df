/// Why the examples given to `fit` or `evaluate` cannot be used with the model.
///
/// Labels come from data, so a bad one is a data error, thrown before the
/// batch reaches the loss; it never stops the process.
public enum TrainingDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A target is not a class index the model's output can score.
    ///
    /// - Parameters:
    ///   - batch: The batch, counted from 1 within the epoch (or the evaluation).
    ///   - example: The example's index in the data given to `fit`/`evaluate`.
    ///   - label: The value found.
    ///   - classCount: The width of the model's output.
    case labelOutOfRange(batch: Int, example: Int, label: Float, classCount: Int)

    /// One line that names the batch, the example, the label and the classes.
    public var description: String {
        switch self {
        case let .labelOutOfRange(batch, example, label, classCount):
            let shown = label == label.rounded() && Swift.abs(label) < 1e9 ? String(Int(label)) : "\(label)"
            return "batch \(batch), example \(example): label \(shown) is not a class index in 0..<\(classCount) "
                + "(the model's output has \(classCount) classes) — check the labels, or give the last layer more units"
        }
    }
}

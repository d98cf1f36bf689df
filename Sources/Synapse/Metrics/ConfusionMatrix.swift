/// Counts of (true class, predicted class) pairs: row `i`, column `j` is how
/// many examples of class `i` were predicted as class `j`, as
/// `tf.math.confusion_matrix` lays it out.
///
/// Targets are integer labels (`[batch]` or `[batch, 1]`). Predictions are
/// either class scores `[batch, classes]` (the argmax is taken), a single
/// sigmoid column `[batch, 1]` with two classes (thresholded at 0.5), or
/// integer labels like the targets. As a compiled metric its `result` is
/// the accuracy (the diagonal over the total).
///
/// ```swift
/// let matrix = ConfusionMatrix(classes: 10)
/// matrix.update(predictions: try model.predict(x), targets: y)
/// print(matrix)  // a table with one row per true class
/// ```
public final class ConfusionMatrix: Metric, CustomStringConvertible {
    /// The number of classes.
    public let classes: Int
    /// `counts[actual][predicted]`.
    public private(set) var counts: [[Int]]

    /// An empty `classes` × `classes` matrix.
    public init(classes: Int, name: String = "confusion_matrix") {
        precondition(classes >= 1, "ConfusionMatrix: classes must be ≥ 1, got \(classes)")
        self.classes = classes
        self.counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        super.init(name: name)
    }

    /// Sets every count to 0.
    public override func reset() {
        counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
    }

    /// Adds one batch of predictions and integer labels.
    public override func update(predictions: Tensor, targets: Tensor) {
        let rows = targets.count
        let labels = targets.storage.pointer, p = predictions.storage.pointer
        let width = predictions.rank >= 2 ? predictions.shape[predictions.rank - 1] : 1
        let predictedClass: (Int) -> Float
        if predictions.count == rows * classes, width == classes, classes > 1 {
            predictedClass = { Float(rowArgmax(p + $0 * width, width)) }
        } else if predictions.count == rows, classes == 2, width == 1, predictions.rank >= 2 {
            predictedClass = { p[$0] > 0.5 ? 1 : 0 }
        } else if predictions.count == rows {
            predictedClass = { p[$0] }
        } else {
            preconditionFailure("\(name): predictions \(predictions.shape) do not fit \(rows) labels and \(classes) classes; pass [batch, \(classes)] scores or [batch] class indices")
        }
        for i in 0..<rows {
            let actual = classIndex(labels[i], what: "label")
            let predicted = classIndex(predictedClass(i), what: "predicted class")
            counts[actual][predicted] += 1
        }
    }

    /// Adds one example by class indices.
    public func add(actual: Int, predicted: Int) {
        precondition((0..<classes).contains(actual) && (0..<classes).contains(predicted),
                     "\(name): classes must be in 0..<\(classes), got actual \(actual), predicted \(predicted)")
        counts[actual][predicted] += 1
    }

    /// How many examples of class `actual` were predicted as `predicted`.
    public subscript(actual: Int, predicted: Int) -> Int { counts[actual][predicted] }

    /// The number of examples counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The number on the diagonal (predicted correctly).
    public var correct: Int { (0..<classes).reduce(0) { $0 + counts[$1][$1] } }

    /// The accuracy, correct / total, or 0 when empty.
    public override var result: Double { total > 0 ? Double(correct) / Double(total) : 0 }

    /// Of the examples predicted as `predictedClass`, the fraction that were
    /// of that class; NaN when none were predicted so.
    public func precision(ofClass predictedClass: Int) -> Double {
        let column = (0..<classes).reduce(0) { $0 + counts[$1][predictedClass] }
        return column > 0 ? Double(counts[predictedClass][predictedClass]) / Double(column) : .nan
    }

    /// Of the examples of class `actualClass`, the fraction predicted as that
    /// class; NaN when there were none.
    public func recall(ofClass actualClass: Int) -> Double {
        let row = counts[actualClass].reduce(0, +)
        return row > 0 ? Double(counts[actualClass][actualClass]) / Double(row) : .nan
    }

    /// A fresh, empty matrix of the same size and name.
    public override func makeFresh() -> Metric { ConfusionMatrix(classes: classes, name: name) }

    /// A right-aligned table: one row per true class, one column per
    /// predicted class, headed `true\pred`.
    public var description: String {
        let corner = "true\\pred"
        let width = Swift.max(String(classes - 1).count,
                              counts.joined().map { String($0).count }.max() ?? 1)
        let labelWidth = Swift.max(corner.count, String(classes - 1).count)
        func pad(_ text: String, _ size: Int) -> String { String(repeating: " ", count: Swift.max(0, size - text.count)) + text }
        var lines = [pad(corner, labelWidth) + (0..<classes).map { " " + pad(String($0), width) }.joined()]
        for actual in 0..<classes {
            lines.append(pad(String(actual), labelWidth) + counts[actual].map { " " + pad(String($0), width) }.joined())
        }
        return lines.joined(separator: "\n")
    }

    private func classIndex(_ value: Float, what: String) -> Int {
        let index = Int(exactly: value.rounded()) ?? -1
        precondition(Float(index) == value && index >= 0 && index < classes,
                     "\(name): \(what) \(value) is not a class index in 0..<\(classes)")
        return index
    }
}

extension Metric {
    /// A `classes` × `classes` confusion matrix (its result is the accuracy).
    public static func confusionMatrix(classes: Int) -> Metric { ConfusionMatrix(classes: classes) }
}

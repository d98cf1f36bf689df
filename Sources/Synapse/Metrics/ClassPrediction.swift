import Foundation

/// A classifier's answer for one example: the most probable class and its
/// probability.
public struct ClassPrediction: Equatable, Sendable {
    /// The predicted class index.
    public let label: Int
    /// Its probability.
    public let probability: Float
    /// Every class's probability.
    public let probabilities: [Float]

    /// The predictions for a `[batch, classes]` output. Rows that are already
    /// probabilities (each value in [0, 1], summing to 1 as after softmax) are
    /// taken as they are; other scores (logits) go through softmax first.
    public static func rows(of scores: Tensor) -> [ClassPrediction] {
        precondition(scores.rank == 2, "ClassPrediction.rows: needs [batch, classes] scores, got \(scores.shape)")
        let classes = scores.shape[1]
        let values = scores.scalars
        return (0 ..< scores.shape[0]).map { row in
            var probabilities = Array(values[row * classes ..< (row + 1) * classes])
            if !isProbabilityRow(probabilities) { probabilities = softmax(probabilities) }
            let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
            return ClassPrediction(label: best, probability: probabilities[best], probabilities: probabilities)
        }
    }

    /// The label as people read it: "3 cat" with class names, "3" without
    /// (or the name alone when it is the number).
    public func labelText(classNames: [String]?) -> String {
        guard let names = classNames, names.indices.contains(label) else { return String(label) }
        return names[label] == String(label) ? names[label] : "\(label) \(names[label])"
    }

    private static func isProbabilityRow(_ row: [Float]) -> Bool {
        row.allSatisfy { $0 >= 0 && $0 <= 1 } && abs(row.reduce(0, +) - 1) < 1e-3
    }

    private static func softmax(_ row: [Float]) -> [Float] {
        let top = row.max() ?? 0
        let exponentials = row.map { Foundation.exp($0 - top) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }
}

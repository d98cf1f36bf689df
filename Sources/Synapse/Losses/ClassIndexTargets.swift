/// Checks the integer class labels a loss that takes class indices
/// (`Loss.takesClassIndices`) will read, once per batch and before the loss
/// sees them, so that a bad label becomes a thrown `TrainingDataError`.
struct ClassIndexTargets {
    /// The width of the model's output: labels must lie in `0..<classCount`.
    let classCount: Int

    /// The check for labels scored by `loss` against an output whose
    /// per-example shape `outputShape` gives (asked only when the loss takes
    /// class indices); `nil` when it takes none.
    init?(checking loss: Loss, outputShape: () throws -> [Int]) throws {
        guard loss.takesClassIndices else { return nil }
        guard let classes = try outputShape().last, classes > 0 else { return nil }
        classCount = classes
    }

    /// Throws for the first label of `targets` that is not a whole number in
    /// `0..<classCount`; `exampleIndex` maps a row to its index in the data.
    func validate(_ targets: Tensor, batch: Int, exampleIndex: (Int) -> Int) throws {
        let limit = Float(classCount)
        let labels = targets.storage.pointer
        for row in 0 ..< targets.count {
            let label = labels[row]
            // One comparison chain per label; NaN fails the first test.
            if label >= 0, label < limit, label == label.rounded(.towardZero) { continue }
            throw TrainingDataError.labelOutOfRange(batch: batch, example: exampleIndex(row),
                                                    label: label, classCount: classCount)
        }
    }
}

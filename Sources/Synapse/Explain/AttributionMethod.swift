/// A way to say how much each input element contributed to a class's score
/// (saliency, integrated gradients, Grad-CAM, …), as Captum's `attribute`.
///
/// ```swift
/// let maps = try model.attributions(for: images, method: IntegratedGradients())
/// ```
/// Methods are values; wrappers such as `SmoothGrad` take any method.
public protocol AttributionMethod {
    /// A short name for output files and tables (`"saliency"`, `"ig"`, …).
    var name: String { get }

    /// The attributions of `inputs` (`[N, …]`) for `classes` (one per
    /// input, already checked to be in range), of the inputs' shape.
    func attributions(for inputs: Tensor, classes: [Int], score: ClassScore) throws -> Tensor
}

extension Model {
    /// The attributions of `inputs` (`[N, …]`, a batch) for `target` by
    /// `method`, of the inputs' shape.
    ///
    /// Throws `ExplainError` for a class out of range or a method that does
    /// not fit the model, and `LayerError` for inputs the model cannot take.
    /// `maximumBatchSize` caps how many examples (or integration points) run
    /// through the model at once.
    public func attributions(
        for inputs: Tensor, method: any AttributionMethod, target: AttributionTarget = .predicted,
        score source: ScoreSource = .logits, maximumBatchSize: Int = 256
    ) throws -> Tensor {
        let score = ClassScore(model: self, source: source, maximumBatchSize: maximumBatchSize)
        let classes = try score.resolve(target, for: inputs)
        return try method.attributions(for: inputs, classes: classes, score: score)
    }
}

extension ClassScore {
    /// The class each input is explained for: checked against the model's
    /// outputs, or the predicted ones. Builds the model if needed.
    public func resolve(_ target: AttributionTarget, for inputs: Tensor) throws -> [Int] {
        guard inputs.rank >= 2, inputs.shape[0] > 0 else {
            throw ExplainError.invalidArgument(name: "inputs", value: "shape \(inputs.shape)",
                                               expected: "a non-empty batch [N, …]")
        }
        try model.buildIfNeeded(inputShape: Array(inputs.shape.dropFirst()))
        let count = inputs.shape[0]
        let output = outputs(inputs[0..<1].detached())
        guard output.rank == 2 else { throw ExplainError.outputNotClassScores(shape: output.shape) }
        let classCount = output.shape[1]
        let classes: [Int]
        switch target {
        case .predicted:
            return outputs(inputs).argmax(alongAxis: 1).scalars.map { Int($0) }
        case let .index(index):
            classes = Array(repeating: index, count: count)
        case let .indices(indices):
            guard indices.count == count || indices.count == 1 else {
                throw ExplainError.targetCount(expected: count, got: indices.count)
            }
            classes = indices.count == 1 ? Array(repeating: indices[0], count: count) : indices
        }
        for index in classes where !(0..<classCount).contains(index) {
            throw ExplainError.classOutOfRange(classIndex: index, classCount: classCount)
        }
        return classes
    }
}

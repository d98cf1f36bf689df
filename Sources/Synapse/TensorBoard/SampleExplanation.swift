import Foundation

/// What a `TensorBoard` callback explains: an attribution map of each of its
/// first sample images for the class the model predicts, blended over the
/// image and logged every epoch under `explain/<method>/<index>`, so one
/// sees where the model looks as it learns.
///
/// ```swift
/// let board = TensorBoard(logDirectory: logs, samples: (inputs: xTest[0 ..< 8], targets: yTest[0 ..< 8]),
///                         explanation: SampleExplanation(method: IntegratedGradients(), count: 4))
/// ```
public struct SampleExplanation {
    /// The attribution method (integrated gradients by default).
    public var method: any AttributionMethod
    /// Whether the method's maps are signed (drawn on a diverging colormap)
    /// or magnitudes (a sequential one).
    public var isSigned: Bool
    /// How many of the samples are explained: the first ones.
    public var count: Int

    /// Explains the first `count` samples by `method`, whose maps are
    /// signed or not as `isSigned` says.
    public init(method: any AttributionMethod = IntegratedGradients(), isSigned: Bool = true, count: Int = 8) {
        precondition(count >= 1, "SampleExplanation: count must be at least 1, not \(count)")
        self.method = method
        self.isSigned = isSigned
        self.count = count
    }

    /// The tagged pictures for `model` on the first `count` of `inputs`:
    /// each map blended over its input, captioned with the method, the
    /// predicted class it explains and its probability. Throws
    /// `ExplainError` when the method does not fit the model or the inputs
    /// are not images.
    public func pictures(of inputs: Tensor, model: Model) throws -> [(tag: String, image: RGBImage)] {
        let shown = inputs[0 ..< min(count, inputs.shape[0])].detached()
        let score = ClassScore(model: model)
        let predictions = ClassPrediction.rows(of: score.outputs(shown))
        let maps = ExplanationPictures.MethodMaps(
            name: method.name,
            attributions: try method.attributions(for: shown, classes: predictions.map(\.label), score: score),
            isSigned: isSigned)
        let captions = predictions.map {
            "\(method.name): \($0.labelText(classNames: model.classNames)) \(String(format: "%.2f", $0.probability))"
        }
        let overlays = try ExplanationPictures(inputs: shown, captions: captions, methods: [maps]).overlays(of: maps)
        return overlays.enumerated().map { index, overlay in
            (tag: "explain/\(method.name)/\(index)", image: overlay.captioned(captions[index]))
        }
    }
}

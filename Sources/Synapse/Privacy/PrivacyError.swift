/// Why private training or accounting cannot go ahead as asked.
public enum PrivacyError: Error, Equatable, CustomStringConvertible {
    /// The noise multiplier σ must be positive.
    case nonPositiveNoiseMultiplier(Double)
    /// The clipping norm C must be positive.
    case nonPositiveClipNorm(Double)
    /// δ must be positive and below 1/N for N training examples.
    case deltaTooLarge(delta: Double, examples: Int)
    /// The sample rate must be in (0, 1].
    case invalidSampleRate(Double)
    /// The target ε must be positive and finite.
    case invalidTargetEpsilon(Double)
    /// No noise multiplier up to `NoiseMultiplierSearch.largestNoiseMultiplier` reaches the target ε.
    case unreachableEpsilon(target: Double, smallest: Double)
    /// A layer mixes examples (BatchNormalization), so one example's
    /// gradient cannot be isolated.
    case mixesExamples(layer: String)
    /// A layer has parameters but no per-example gradient rule.
    case unsupportedLayer(layer: String, type: String)
    /// A layer with parameters ran more than once in one forward pass.
    case layerCalledTwice(layer: String)

    /// One line that says what is wrong and what to do.
    public var description: String {
        switch self {
        case let .nonPositiveNoiseMultiplier(sigma):
            return "the noise multiplier must be > 0, got \(sigma); use --target-epsilon to have it computed"
        case let .nonPositiveClipNorm(norm):
            return "the maximum gradient norm C must be > 0, got \(norm); 1 is a common choice"
        case let .deltaTooLarge(delta, examples):
            return "δ = \(delta) is not below 1/N = \(1 / Double(max(examples, 1))) for N = \(examples) training examples; "
                + "a δ that large allows leaking whole examples, choose e.g. \(suggestedDelta(examples))"
        case let .invalidSampleRate(rate):
            return "the sample rate must be in (0, 1], got \(rate)"
        case let .invalidTargetEpsilon(target):
            return "the target ε must be positive and finite, got \(target)"
        case let .unreachableEpsilon(target, smallest):
            return "no noise multiplier up to \(NoiseMultiplierSearch.largestNoiseMultiplier) reaches ε = \(target) at this δ, "
                + "sample rate and number of steps (σ = \(NoiseMultiplierSearch.largestNoiseMultiplier) spends \((smallest * 1000).rounded() / 1000)): "
                + "raise the target ε, train fewer epochs or use a smaller batch size"
        case let .mixesExamples(layer):
            return "layer '\(layer)' is BatchNormalization, which mixes the examples of a batch, so their gradients "
                + "cannot be clipped one by one; use LayerNormalization or GroupNormalization for private training"
        case let .unsupportedLayer(layer, type):
            return "layer '\(layer)' (\(type)) has parameters but no per-example gradient rule; private training "
                + "supports Dense, Conv2D, DepthwiseConv2D, Conv2DTranspose, LayerNormalization and GroupNormalization"
        case let .layerCalledTwice(layer):
            return "layer '\(layer)' ran twice in one forward pass; private training needs each layer with "
                + "parameters to run once per pass"
        }
    }

    private func suggestedDelta(_ examples: Int) -> Double {
        var delta = 1e-5
        while delta >= 1 / Double(max(examples, 1)) { delta /= 10 }
        return delta
    }
}

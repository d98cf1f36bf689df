import Foundation

/// A cosine-shaped decay, optionally after a linear warm-up, as Keras 3's
/// `CosineDecay`.
///
/// Without a warm-up target the rate goes from `initialLearningRate` down to
/// `alpha · initialLearningRate` over `decaySteps` steps and stays there.
/// With `warmupTarget`, it first rises linearly from `initialLearningRate`
/// to `warmupTarget` over `warmupSteps` steps, then decays from
/// `warmupTarget` over `decaySteps` steps.
public struct CosineDecay: LearningRateSchedule {
    /// The rate at step 0.
    public let initialLearningRate: Float
    /// The length of the decay.
    public let decaySteps: Int
    /// The final rate as a fraction of the rate the decay starts from.
    public let alpha: Float
    /// The rate reached at the end of the warm-up; nil for no warm-up.
    public let warmupTarget: Float?
    /// The length of the warm-up.
    public let warmupSteps: Int

    /// A cosine decay; pass `warmupTarget` and `warmupSteps` for a warm-up.
    public init(_ initialLearningRate: Float, decaySteps: Int, alpha: Float = 0,
                warmupTarget: Float? = nil, warmupSteps: Int = 0) {
        precondition(decaySteps > 0, "CosineDecay: decaySteps must be > 0, got \(decaySteps)")
        precondition(warmupSteps >= 0, "CosineDecay: warmupSteps must be ≥ 0, got \(warmupSteps)")
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.alpha = alpha
        self.warmupTarget = warmupTarget
        self.warmupSteps = warmupSteps
    }

    /// The rate at `step`, following Keras 3's formula.
    public func learningRate(atStep step: Int) -> Float {
        let initial = Double(initialLearningRate), decayLength = Double(decaySteps)
        guard let warmupTarget else {
            return Float(decayed(from: initial, at: Swift.min(Double(step), decayLength)))
        }
        let target = Double(warmupTarget), warmupLength = Double(warmupSteps)
        let clamped = Swift.min(Double(step), decayLength + warmupLength)
        if clamped < warmupLength {
            return Float(initial + (target - initial) * clamped / warmupLength)
        }
        return Float(decayed(from: target, at: clamped - warmupLength))
    }

    private func decayed(from start: Double, at step: Double) -> Double {
        let cosine = 0.5 * (1 + Foundation.cos(Double.pi * step / Double(decaySteps)))
        return start * ((1 - Double(alpha)) * cosine + Double(alpha))
    }
}

import Foundation

/// A learning rate that decays exponentially, as Keras's `ExponentialDecay`:
/// initial · rate^(step / decaySteps), with the exponent floored when
/// `staircase` is set.
public struct ExponentialDecay: LearningRateSchedule {
    /// The rate at step 0.
    public let initialLearningRate: Float
    /// Steps over which the rate is multiplied by `decayRate` once.
    public let decaySteps: Int
    /// The factor per `decaySteps` steps.
    public let decayRate: Float
    /// Whether the rate drops in whole `decaySteps` intervals.
    public let staircase: Bool

    /// An exponential decay from `initialLearningRate`.
    public init(_ initialLearningRate: Float, decaySteps: Int, decayRate: Float, staircase: Bool = false) {
        precondition(decaySteps > 0, "ExponentialDecay: decaySteps must be > 0, got \(decaySteps)")
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.decayRate = decayRate
        self.staircase = staircase
    }

    /// initial · rate^(step / decaySteps).
    public func learningRate(atStep step: Int) -> Float {
        var exponent = Double(step) / Double(decaySteps)
        if staircase { exponent.round(.down) }
        return Float(Double(initialLearningRate) * Foundation.pow(Double(decayRate), exponent))
    }
}

import Foundation

/// A learning rate multiplied by `factor` every `dropEvery` steps:
/// initial · factor^⌊step / dropEvery⌋ (the classic "step decay").
///
/// Used with `LearningRateScheduler`, whose steps are epochs, it drops the
/// rate every few epochs.
public struct StepDecay: LearningRateSchedule {
    /// The rate at step 0.
    public let initialLearningRate: Float
    /// How many steps each rate lasts.
    public let dropEvery: Int
    /// What the rate is multiplied by at each drop.
    public let factor: Float

    /// A step decay from `initialLearningRate`.
    public init(_ initialLearningRate: Float, dropEvery: Int, factor: Float = 0.5) {
        precondition(dropEvery > 0, "StepDecay: dropEvery must be > 0, got \(dropEvery)")
        self.initialLearningRate = initialLearningRate
        self.dropEvery = dropEvery
        self.factor = factor
    }

    /// initial · factor^⌊step / dropEvery⌋.
    public func learningRate(atStep step: Int) -> Float {
        let drops = Double(step / dropEvery)
        return Float(Double(initialLearningRate) * Foundation.pow(Double(factor), drops))
    }
}

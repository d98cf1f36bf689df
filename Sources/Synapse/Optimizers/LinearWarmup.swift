/// Any schedule preceded by a linear warm-up: for the first `warmupSteps`
/// steps the rate rises linearly from `startLearningRate` towards the
/// wrapped schedule's first rate; from then on it is the wrapped schedule,
/// started afresh (step `warmupSteps` is its step 0).
///
/// ```swift
/// optimizer.schedule = LinearWarmup(warmupSteps: 500, to: ExponentialDecay(1e-3, decaySteps: 1000, decayRate: 0.9))
/// ```
public struct LinearWarmup: LearningRateSchedule {
    /// The length of the warm-up.
    public let warmupSteps: Int
    /// The rate at step 0.
    public let startLearningRate: Float
    /// The schedule after the warm-up.
    public let schedule: LearningRateSchedule

    /// A warm-up from `startLearningRate` into `schedule`.
    public init(warmupSteps: Int, from startLearningRate: Float = 0, to schedule: LearningRateSchedule) {
        precondition(warmupSteps >= 0, "LinearWarmup: warmupSteps must be ≥ 0, got \(warmupSteps)")
        self.warmupSteps = warmupSteps
        self.startLearningRate = startLearningRate
        self.schedule = schedule
    }

    /// A warm-up from `startLearningRate` to a constant `learningRate`.
    public init(warmupSteps: Int, from startLearningRate: Float = 0, to learningRate: Float) {
        self.init(warmupSteps: warmupSteps, from: startLearningRate,
                  to: PiecewiseConstantDecay(boundaries: [], values: [learningRate]))
    }

    /// start + (target − start)·step/warmupSteps during the warm-up, then the schedule.
    public func learningRate(atStep step: Int) -> Float {
        guard step < warmupSteps else { return schedule.learningRate(atStep: step - warmupSteps) }
        let start = Double(startLearningRate), target = Double(schedule.learningRate(atStep: 0))
        return Float(start + (target - start) * Double(step) / Double(warmupSteps))
    }
}

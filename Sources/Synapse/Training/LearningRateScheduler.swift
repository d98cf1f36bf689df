import Foundation

/// Sets the optimiser's learning rate at the start of every epoch, as
/// Keras's `LearningRateScheduler`:
/// ```swift
/// LearningRateScheduler { epoch, rate in epoch < 10 ? rate : rate * 0.9 }
/// ```
/// The closure gets the 0-based epoch and the current rate and returns the
/// new one. The optimiser must not have a `schedule` set (it would override
/// the rate); if it does, the callback warns and changes nothing.
public final class LearningRateScheduler: Callback {
    private let rateForEpoch: (Int, Float) -> Float
    private var warnedAboutSchedule = false

    /// A scheduler calling `schedule(epoch, currentRate)` before each epoch.
    public init(_ schedule: @escaping (_ epoch: Int, _ learningRate: Float) -> Float) {
        self.rateForEpoch = schedule
    }

    /// A scheduler whose steps are epochs: the rate for epoch `e` is `schedule.learningRate(atStep: e)`.
    public convenience init(_ schedule: LearningRateSchedule) {
        self.init { epoch, _ in schedule.learningRate(atStep: epoch) }
    }

    /// Sets `model.compiled!.optimizer.learningRate` for `epoch`.
    public override func epochWillBegin(_ epoch: Int, model: Model) {
        guard let optimizer = model.compiled?.optimizer else { return }
        guard optimizer.schedule == nil else {
            if !warnedAboutSchedule {
                warnedAboutSchedule = true
                FileHandle.standardError.write(Data("LearningRateScheduler: the optimizer has a schedule, which decides the learning rate; remove it (optimizer.schedule = nil) to let this callback set the rate\n".utf8))
            }
            return
        }
        let rate = rateForEpoch(epoch, optimizer.learningRate)
        precondition(rate.isFinite && rate >= 0,
                     "LearningRateScheduler: the schedule returned \(rate) for epoch \(epoch); a learning rate must be finite and ≥ 0")
        optimizer.learningRate = rate
    }
}

import Foundation

/// Lowers the learning rate when a monitored metric stops improving, as
/// Keras's `ReduceLROnPlateau`: after `patience` epochs without an
/// improvement of more than `minDelta`, the rate is multiplied by `factor`
/// (not below `minimumLearningRate`), then `cooldown` epochs pass before
/// watching again. It changes `optimizer.learningRate`, so an optimizer with
/// a schedule is left alone (with a warning): the schedule decides its rate.
public final class ReduceLROnPlateau: Callback {
    /// The metric watched (`"val_loss"` by default).
    public let monitor: String
    /// The rate is multiplied by this (0 < factor < 1).
    public let factor: Float
    /// Epochs without improvement before lowering the rate.
    public let patience: Int
    /// Whether larger values are better.
    public let higherIsBetter: Bool
    /// The smallest change that counts as an improvement.
    public let minDelta: Double
    /// Epochs to wait after a reduction before watching again.
    public let cooldown: Int
    /// The rate is never lowered below this.
    public let minimumLearningRate: Float
    /// Each reduction made: the epoch (0-based) and the new rate.
    public private(set) var reductions: [(epoch: Int, learningRate: Float)] = []

    private var best: Double?
    private var wait = 0
    private var cooldownLeft = 0
    private var warned = false

    /// Keras's defaults: `val_loss`, factor 0.1, patience 10, minDelta 1e-4.
    public init(monitor: String = "val_loss", factor: Float = 0.1, patience: Int = 10, mode: EarlyStopping.Mode = .auto,
                minDelta: Double = 1e-4, cooldown: Int = 0, minimumLearningRate: Float = 0) {
        precondition(factor > 0 && factor < 1, "ReduceLROnPlateau: factor must be in (0, 1), got \(factor)")
        precondition(patience >= 0 && cooldown >= 0, "ReduceLROnPlateau: patience and cooldown must be ≥ 0")
        self.monitor = monitor
        self.factor = factor
        self.patience = patience
        self.higherIsBetter = mode.higherIsBetter(for: monitor)
        self.minDelta = abs(minDelta)
        self.cooldown = cooldown
        self.minimumLearningRate = minimumLearningRate
    }

    /// Forgets an earlier run.
    public override func trainingWillBegin(model: Model) {
        best = nil
        wait = 0
        cooldownLeft = 0
        reductions = []
    }

    /// Compares the epoch's value with the best and lowers the rate when patience runs out.
    public override func epochDidEnd(_ epoch: Int, model: Model, logs: [String: Double]) {
        guard let current = logs[monitor], let optimizer = model.compiled?.optimizer else { return }
        if cooldownLeft > 0 {
            cooldownLeft -= 1
            wait = 0
        }
        if let best, higherIsBetter ? current <= best + minDelta : current >= best - minDelta {
            guard cooldownLeft == 0 else { return }
            wait += 1
            guard wait >= patience else { return }
            guard optimizer.schedule == nil else {
                if !warned {
                    warned = true
                    FileHandle.standardError.write(Data("ReduceLROnPlateau: the optimizer follows a schedule; its rate is left alone\n".utf8))
                }
                return
            }
            let lowered = max(optimizer.learningRate * factor, minimumLearningRate)
            if lowered < optimizer.learningRate {
                optimizer.learningRate = lowered
                reductions.append((epoch, lowered))
            }
            cooldownLeft = cooldown
            wait = 0
        } else {
            best = current
            wait = 0
        }
    }
}

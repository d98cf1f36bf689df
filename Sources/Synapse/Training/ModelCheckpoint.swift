import Foundation

/// Saves a resumable checkpoint (see `TrainingCheckpoint`) to `directory`
/// at the end of every epoch, or only when the monitored metric improves,
/// like Keras's `ModelCheckpoint`. Each save replaces the previous one
/// atomically, so a crash never leaves a half-written checkpoint.
///
/// ```swift
/// let checkpoint = ModelCheckpoint(directory: url)
/// try model.fit(x, y, epochs: 10, callbacks: [checkpoint])
/// // later, after a crash:
/// try model.fit(x, y, epochs: 10, callbacks: [checkpoint], resumeFrom: url)
/// ```
/// Callbacks cannot throw: a failed save is reported through `IOWarnings`,
/// kept in `lastError`, and stops training.
public final class ModelCheckpoint: Callback {
    /// Rank 0 alone writes it in data-parallel training.
    public override var runsOnEveryRank: Bool { false }

    /// Which direction of the monitored metric is better.
    public enum Mode: Sendable {
        /// `max` for metrics whose name contains "acc", otherwise `min`.
        case auto
        /// Lower is better (losses).
        case min
        /// Higher is better (accuracy).
        case max
    }

    /// Where the checkpoint is written.
    public let directory: URL
    /// Whether to save only when `monitor` improves.
    public let saveBestOnly: Bool
    /// The metric compared when `saveBestOnly` is set (`"val_loss"`).
    public let monitor: String
    /// Whether lower or higher is better.
    public let mode: Mode
    /// The best monitored value so far.
    public private(set) var best: Double?
    /// The error of the last failed save, if any.
    public private(set) var lastError: Error?
    /// The epoch (0-based) of the last successful end-of-epoch save, if any.
    public private(set) var lastSavedEpoch: Int?
    private var history = History()
    private var resumed = false

    /// A callback saving to `directory` after every epoch (or, with
    /// `saveBestOnly`, after epochs that improve `monitor`).
    public init(directory: URL, saveBestOnly: Bool = false, monitor: String = "val_loss", mode: Mode = .auto) {
        self.directory = directory
        self.saveBestOnly = saveBestOnly
        self.monitor = monitor
        self.mode = mode
        super.init()
    }

    /// Carries the history and best value over from a checkpoint being resumed.
    func resume(history: History, monitored: (name: String, best: Double)?) {
        self.history = history
        best = monitored?.name == monitor ? monitored?.best : nil
        resumed = true
    }

    /// Starts a fresh history unless resuming.
    public override func trainingWillBegin(model: Model) {
        if !resumed {
            history = History()
            best = nil
        }
        resumed = false
    }

    /// Records the epoch and saves if due.
    public override func epochDidEnd(_ epoch: Int, model: Model, logs: [String: Double]) {
        history.record(epoch: epoch, logs: logs)
        let value = logs[monitor]
        let improved = value.map { candidate in best.map { isBetter(candidate, than: $0) } ?? true } ?? false
        if saveBestOnly {
            guard value != nil else {
                IOWarnings.emit("ModelCheckpoint: metric '\(monitor)' is not in the logs (\(logs.keys.sorted().joined(separator: ", "))); nothing saved")
                return
            }
            guard improved else { return }
        }
        if improved { best = value }
        do {
            try TrainingCheckpoint.write(model, epoch: epoch, history: history, to: directory,
                                         monitored: best.map { (monitor, $0) })
            lastSavedEpoch = epoch
        } catch {
            lastError = error
            IOWarnings.emit("ModelCheckpoint: saving epoch \(epoch + 1) failed, training stops: \(error)")
            model.stopTraining = true
        }
    }

    /// Saves the model as it is now, in the middle of an epoch (for
    /// instance on Ctrl-C), replacing the checkpoint atomically. It is
    /// recorded as of the last completed epoch, so resuming keeps these
    /// weights and optimizer state and reruns the interrupted epoch from its
    /// start: progress is kept, but the run is no longer bit-identical to an
    /// uninterrupted one (end-of-epoch checkpoints are).
    public func saveMidEpoch(_ model: Model) throws {
        try TrainingCheckpoint.write(model, epoch: history.epochs.last ?? -1, history: history, to: directory,
                                     monitored: best.map { (monitor, $0) })
    }

    private func isBetter(_ candidate: Double, than current: Double) -> Bool {
        switch mode {
        case .min: return candidate < current
        case .max: return candidate > current
        case .auto: return monitor.contains("acc") ? candidate > current : candidate < current
        }
    }
}

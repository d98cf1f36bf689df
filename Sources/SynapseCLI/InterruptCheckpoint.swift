import Foundation
import Synapse

/// Stops training after the step during which Ctrl-C was pressed, saving a
/// checkpoint first when there is a place for one.
///
/// Ctrl-C cancels the task training runs in (`CancellableTraining`), and this
/// callback sees the cancellation after the step in progress: `fit` itself
/// would stop before the next one. If `fit` got there first, the runner calls
/// `stopAfterCancellation`, which saves the same way.
///
/// At an epoch's end, the end-of-epoch checkpoint (written by the
/// `ModelCheckpoint`, placed before this callback) is already exact. In the
/// middle of an epoch, `ModelCheckpoint.saveMidEpoch` keeps the weights and
/// optimizer state after the last finished step; `--resume` then reruns
/// the interrupted epoch from its start.
final class InterruptCheckpoint: Callback {
    /// What happened, for `onStop`.
    struct Stop: Equatable {
        /// The 0-based epoch that was running.
        var epoch: Int
        /// Steps finished in that epoch, or nil at the epoch's end.
        var step: Int?
        /// Where the checkpoint is, or nil when none was written.
        var checkpoint: URL?
    }

    private let checkpoint: ModelCheckpoint?
    private var currentEpoch = 0
    private var finishedSteps = 0
    private var stopped = false
    /// Called once training must stop (the CLI prints and exits with 130).
    private let onStop: (Stop) -> Void

    /// A callback watching for task cancellation and saving through
    /// `checkpoint` (nil: nowhere).
    init(checkpoint: ModelCheckpoint?, onStop: @escaping (Stop) -> Void) {
        self.checkpoint = checkpoint
        self.onStop = onStop
    }

    /// Notes the epoch.
    override func epochWillBegin(_ epoch: Int, model: Model) {
        currentEpoch = epoch
        finishedSteps = 0
    }

    /// Mid-epoch: saves the state after this step and stops.
    override func batchDidEnd(_ batch: Int, model: Model, logs: [String: Double]) {
        finishedSteps = batch + 1
        guard Task.isCancelled, !stopped else { return }
        saveMidEpochAndStop(model)
    }

    /// After `fit` threw `CancellationError` before this callback saw the
    /// cancellation: saves the state after the last finished step and stops.
    func stopAfterCancellation(_ model: Model) {
        guard !stopped else { return }
        saveMidEpochAndStop(model)
    }

    private func saveMidEpochAndStop(_ model: Model) {
        var written: URL?
        if let checkpoint {
            do {
                try checkpoint.saveMidEpoch(model)
                written = checkpoint.directory
            } catch {
                writeToStandardError("error: saving the checkpoint to \(checkpoint.directory.path) failed: \(error)")
            }
        }
        stop(Stop(epoch: currentEpoch, step: finishedSteps, checkpoint: written), model: model)
    }

    /// At an epoch's end: stops if interrupted (the epoch checkpoint is written).
    override func epochDidEnd(_ epoch: Int, model: Model, logs: [String: Double]) {
        guard Task.isCancelled, !stopped else { return }
        let written = checkpoint.flatMap { $0.lastSavedEpoch == epoch ? $0.directory : nil }
        stop(Stop(epoch: epoch, step: nil, checkpoint: written), model: model)
    }

    private func stop(_ stop: Stop, model: Model) {
        stopped = true
        model.stopTraining = true
        onStop(stop)
    }
}

import Foundation

/// Stops training as soon as the loss becomes NaN or infinite, as Keras's
/// `TerminateOnNaN`: the step that produced it is the last one, and
/// `stoppedAt` says where. Nothing later can recover such weights, so
/// continuing would only waste the remaining epochs.
public final class TerminateOnNaN: Callback {
    /// Where training stopped: the epoch and batch (both 0-based) and the loss seen.
    public private(set) var stoppedAt: (epoch: Int, batch: Int, loss: Double)?
    private var epoch = 0

    /// A callback that stops on a non-finite loss.
    public override init() {}

    /// Forgets an earlier run.
    public override func trainingWillBegin(model: Model) {
        stoppedAt = nil
    }

    /// Notes the epoch.
    public override func epochWillBegin(_ epoch: Int, model: Model) {
        self.epoch = epoch
    }

    /// Stops training when the running loss is not finite.
    public override func batchDidEnd(_ batch: Int, model: Model, logs: [String: Double]) {
        guard stoppedAt == nil, let loss = logs["loss"], !loss.isFinite else { return }
        stoppedAt = (epoch, batch, loss)
        model.stopTraining = true
    }

    /// A sentence for the user: where the loss stopped being a number, and what usually fixes it.
    public func message(learningRate: Float?) -> String? {
        guard let stoppedAt else { return nil }
        let rate = learningRate.map { " (now \($0))" } ?? ""
        return "training stopped in epoch \(stoppedAt.epoch + 1) at batch \(stoppedAt.batch + 1): the loss became \(stoppedAt.loss); "
            + "the steps are too large for this model: lower the learning rate\(rate), e.g. by 10×"
    }
}

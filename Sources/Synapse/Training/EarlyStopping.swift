import Foundation

/// Stops training when a monitored metric has stopped improving, as Keras's
/// `EarlyStopping`.
///
/// After each epoch the monitored value (`"val_loss"` by default) counts as
/// an improvement when it beats the best so far by more than `minDelta`.
/// After `patience` epochs without one, it sets `model.stopTraining`. With
/// `restoreBestWeights`, the parameters of the best epoch are copied back
/// when training ends.
public final class EarlyStopping: Callback {
    /// Whether a smaller or a larger monitored value is better.
    public enum Mode: String {
        /// Decided from the name: larger is better for accuracy-like metrics
        /// (names containing "acc", "auc", "precision" or "recall"), smaller otherwise.
        case auto
        /// Smaller is better.
        case min
        /// Larger is better.
        case max

        /// Whether larger values of `monitor` are better under this mode.
        public func higherIsBetter(for monitor: String) -> Bool {
            switch self {
            case .min: return false
            case .max: return true
            case .auto:
                let name = monitor.lowercased()
                return ["acc", "auc", "precision", "recall"].contains { name.contains($0) }
            }
        }
    }

    /// The metric watched, as it appears in the epoch logs.
    public let monitor: String
    /// The smallest change that counts as an improvement (≥ 0).
    public let minDelta: Double
    /// Epochs without improvement before stopping.
    public let patience: Int
    /// Whether larger values are better (resolved from `mode`).
    public let higherIsBetter: Bool
    /// A value the metric must beat for the waiting to reset; nil for none.
    public let baseline: Double?
    /// Whether to copy the best epoch's parameters back at the end.
    public let restoreBestWeights: Bool
    /// Epochs to let pass before watching.
    public let startFromEpoch: Int

    /// The best monitored value so far.
    public private(set) var best: Double?
    /// The epoch of `best`.
    public private(set) var bestEpoch = 0
    /// The epoch at which training was stopped, or nil if it was not.
    public private(set) var stoppedEpoch: Int?
    private var wait = 0
    private var bestWeights: [Tensor]?
    private var warnedMissing = false

    /// Watches `monitor` and stops after `patience` epochs without an improvement of more than `minDelta`.
    public init(monitor: String = "val_loss", minDelta: Double = 0, patience: Int = 0, mode: Mode = .auto,
                baseline: Double? = nil, restoreBestWeights: Bool = false, startFromEpoch: Int = 0) {
        precondition(patience >= 0, "EarlyStopping: patience must be ≥ 0, got \(patience)")
        self.monitor = monitor
        self.minDelta = Swift.abs(minDelta)
        self.patience = patience
        higherIsBetter = mode.higherIsBetter(for: monitor)
        self.baseline = baseline
        self.restoreBestWeights = restoreBestWeights
        self.startFromEpoch = startFromEpoch
    }

    /// Forgets the previous run.
    public override func trainingWillBegin(model: Model) {
        wait = 0
        best = nil
        bestEpoch = 0
        stoppedEpoch = nil
        bestWeights = nil
    }

    /// Compares the epoch's value with the best and stops when patience runs out.
    public override func epochDidEnd(_ epoch: Int, model: Model, logs: [String: Double]) {
        guard let current = logs[monitor] else {
            if !warnedMissing {
                warnedMissing = true
                let known = logs.keys.sorted().joined(separator: ", ")
                FileHandle.standardError.write(Data("EarlyStopping: '\(monitor)' is not in the epoch logs (they have: \(known)); nothing is monitored\n".utf8))
            }
            return
        }
        guard epoch >= startFromEpoch else { return }
        if restoreBestWeights && bestWeights == nil {
            bestWeights = snapshot(model)
            bestEpoch = epoch
        }
        wait += 1
        if isImprovement(current, over: best) {
            best = current
            bestEpoch = epoch
            if restoreBestWeights { bestWeights = snapshot(model) }
            if baseline == nil || isImprovement(current, over: baseline) { wait = 0 }
            return
        }
        if wait >= patience && epoch > 0 {
            stoppedEpoch = epoch
            model.stopTraining = true
        }
    }

    /// Copies the best parameters back when `restoreBestWeights` is set.
    public override func trainingDidEnd(model: Model, logs: [String: Double]) {
        guard restoreBestWeights, let bestWeights else { return }
        let parameters = model.parameters
        precondition(parameters.count == bestWeights.count,
                     "EarlyStopping: the model has \(parameters.count) parameters but \(bestWeights.count) were saved")
        for (parameter, saved) in zip(parameters, bestWeights) {
            precondition(parameter.shape == saved.shape,
                         "EarlyStopping: a parameter changed shape from \(saved.shape) to \(parameter.shape)")
            parameter.update { destination in
                saved.withUnsafeBufferPointer { source in
                    destination.baseAddress!.update(from: source.baseAddress!, count: source.count)
                }
            }
        }
    }

    private func isImprovement(_ value: Double, over reference: Double?) -> Bool {
        guard let reference else { return true }
        return higherIsBetter ? value - minDelta > reference : value + minDelta < reference
    }

    /// Copies of the parameter values now (real copies, so in-place updates
    /// of the parameters cannot reach them).
    private func snapshot(_ model: Model) -> [Tensor] {
        model.parameters.map { Tensor(shape: $0.shape, storage: TensorStorage(copying: $0.value.storage)) }
    }
}

/// Hooks into `fit`, like Keras callbacks. Override what you need; every
/// hook does nothing by default. `logs` holds the metrics so far by name
/// (`"loss"`, `"accuracy"`, and `"val_…"` at epoch end).
open class Callback {
    /// A callback.
    public init() {}
    /// Before the first epoch.
    open func trainingWillBegin(model: Model) {}
    /// After the last epoch (or an early stop).
    open func trainingDidEnd(model: Model, logs: [String: Double]) {}
    /// Before each epoch (0-based).
    open func epochWillBegin(_ epoch: Int, model: Model) {}
    /// After each epoch, with training and validation metrics.
    open func epochDidEnd(_ epoch: Int, model: Model, logs: [String: Double]) {}
    /// After each training batch (0-based within the epoch).
    open func batchDidEnd(_ batch: Int, model: Model, logs: [String: Double]) {}
    /// Whether data-parallel training runs this callback on every rank
    /// (true), or on rank 0 only (false: callbacks that write files or print).
    open var runsOnEveryRank: Bool { true }
}

/// A callback made of closures, for one-off hooks.
public final class LambdaCallback: Callback {
    private let onEpochEnd: ((Int, [String: Double]) -> Void)?
    private let onBatchEnd: ((Int, [String: Double]) -> Void)?

    /// Calls `onEpochEnd` after each epoch and `onBatchEnd` after each batch.
    public init(onEpochEnd: ((Int, [String: Double]) -> Void)? = nil,
                onBatchEnd: ((Int, [String: Double]) -> Void)? = nil) {
        self.onEpochEnd = onEpochEnd
        self.onBatchEnd = onBatchEnd
    }

    /// Forwards to `onEpochEnd`.
    public override func epochDidEnd(_ epoch: Int, model: Model, logs: [String: Double]) { onEpochEnd?(epoch, logs) }
    /// Forwards to `onBatchEnd`.
    public override func batchDidEnd(_ batch: Int, model: Model, logs: [String: Double]) { onBatchEnd?(batch, logs) }
}

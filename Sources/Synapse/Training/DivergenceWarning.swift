import Foundation

/// Warns, once, when training looks like it is diverging: the epoch loss
/// has risen `patience` epochs in a row and is above the first epoch's.
/// Noisy losses wobble; a loss that climbs steadily past where it started
/// usually means the learning rate is too high.
public final class DivergenceWarning: Callback {
    /// Rising epochs in a row before warning.
    public let patience: Int
    /// The warning given, if any.
    public private(set) var warning: String?
    private var losses: [Double] = []
    private let report: @Sendable (String) -> Void

    /// Warns after `patience` rising epochs; `report` receives the warning
    /// (by default it goes to standard error).
    public init(patience: Int = 2, report: @escaping @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }) {
        precondition(patience >= 1, "DivergenceWarning: patience must be at least 1, not \(patience)")
        self.patience = patience
        self.report = report
    }

    /// Forgets an earlier run.
    public override func trainingWillBegin(model: Model) {
        losses = []
        warning = nil
    }

    /// Checks the trend of the epoch losses.
    public override func epochDidEnd(_ epoch: Int, model: Model, logs: [String: Double]) {
        guard let loss = logs["loss"], loss.isFinite else { return }
        losses.append(loss)
        guard warning == nil, losses.count > patience, let first = losses.first else { return }
        let recent = losses.suffix(patience + 1)
        let rising = zip(recent, recent.dropFirst()).allSatisfy { $0 < $1 }
        guard rising, loss > first else { return }
        let text = "warning: the loss has risen for \(patience) epochs and is above the first epoch's "
            + "(\(String(format: "%.4g", first)) → \(String(format: "%.4g", loss))); training may be diverging: try a lower learning rate"
        warning = text
        report(text)
    }
}

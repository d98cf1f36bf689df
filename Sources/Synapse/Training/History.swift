/// What `fit` recorded: every metric's value at the end of each epoch.
public struct History: Codable, Equatable {
    /// The epochs run (0-based), in order.
    public internal(set) var epochs: [Int] = []
    /// Each metric's per-epoch values (`"loss"`, `"accuracy"`, `"val_loss"`, …).
    public internal(set) var values: [String: [Double]] = [:]

    /// An empty history.
    public init() {}

    /// The per-epoch values of `metric` (empty if never recorded).
    public subscript(metric: String) -> [Double] { values[metric] ?? [] }

    mutating func record(epoch: Int, logs: [String: Double]) {
        epochs.append(epoch)
        for (name, value) in logs { values[name, default: []].append(value) }
    }
}

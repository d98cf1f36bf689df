/// What `fit` recorded: every metric's value at the end of each epoch.
public struct History: Codable, Equatable, Sendable {
    /// The epochs run (0-based), in order.
    public internal(set) var epochs: [Int] = []
    /// Each metric's per-epoch values (`"loss"`, `"accuracy"`, `"val_loss"`, …).
    public internal(set) var values: [String: [Double]] = [:]

    /// An empty history.
    public init() {}

    /// A history of the given epochs and per-epoch values (as a CSV log holds them).
    public init(epochs: [Int], values: [String: [Double]]) {
        self.epochs = epochs
        self.values = values
    }

    /// The per-epoch values of `metric` (empty if never recorded).
    public subscript(metric: String) -> [Double] { values[metric] ?? [] }

    mutating func record(epoch: Int, logs: [String: Double]) {
        epochs.append(epoch)
        for (name, value) in logs { values[name, default: []].append(value) }
    }
}

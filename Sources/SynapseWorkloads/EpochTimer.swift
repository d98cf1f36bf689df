import Synapse

/// A `fit` callback that records every epoch's wall time and how much of the
/// machine other processes used during it.
final class EpochTimer: Callback {
    private var current: Interval?
    /// Wall seconds per epoch, in order.
    private(set) var seconds: [Double] = []
    /// Foreign CPU fraction per epoch (NaN where unknown).
    private(set) var foreign: [Double] = []

    override func epochWillBegin(_ epoch: Int, model: Model) { current = Interval() }

    override func epochDidEnd(_ epoch: Int, model: Model, logs: [String: Double]) {
        guard let interval = current?.finish() else { return }
        seconds.append(interval.wall)
        foreign.append(interval.foreign ?? .nan)
    }

    /// The median of epochs 2 and later (epoch 1 pays one-time costs), or of
    /// the only epoch when there is one.
    var steadyMedian: Double { median(seconds.count > 1 ? Array(seconds.dropFirst()) : seconds) }
}

/// The middle value (mean of the two middle ones for an even count); NaN when empty.
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// The value below which `fraction` of `values` lie (nearest rank); NaN when empty.
func percentile(_ values: [Double], _ fraction: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

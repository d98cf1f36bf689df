import Foundation

/// One axis of a plot: the data range it shows and its tick marks at
/// "nice" values (1, 2 or 5 times a power of ten), as plotting libraries choose.
public struct PlotAxis: Equatable, Sendable {
    /// The smallest value shown.
    public let lower: Double
    /// The largest value shown.
    public let upper: Double
    /// The tick values, ascending, inside `lower…upper`.
    public let ticks: [Double]

    /// An axis covering `values` (padded to the enclosing ticks), with about `tickCount` ticks.
    public init(covering values: [Double], tickCount: Int = 5) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        if high - low < 1e-12 * max(1, abs(high)) {
            low -= max(0.5, abs(low) * 0.1)
            high += max(0.5, abs(high) * 0.1)
        }
        let step = PlotAxis.niceStep((high - low) / Double(max(1, tickCount)))
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
        let count = Int(((upper - lower) / step).rounded())
        let lower = lower
        ticks = (0 ... count).map { lower + Double($0) * step }
    }

    /// `raw` rounded up to 1, 2 or 5 times a power of ten.
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// Where `value` falls along the axis, 0 at `lower` and 1 at `upper`.
    public func fraction(of value: Double) -> Double {
        (value - lower) / (upper - lower)
    }

    /// A tick's label: as few decimals as the tick spacing needs.
    public func label(_ value: Double) -> String {
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        let decimals = max(0, min(6, -Int(log10(step).rounded(.down))))
        return String(format: "%.\(decimals)f", value)
    }
}

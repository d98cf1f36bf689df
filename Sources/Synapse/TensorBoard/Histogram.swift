/// A histogram of values in equal-width buckets, with the statistics
/// TensorBoard's `HistogramProto` carries.
public struct Histogram: Equatable, Sendable {
    /// The smallest value.
    public let minimum: Double
    /// The largest value.
    public let maximum: Double
    /// How many values there are.
    public let count: Int
    /// Their sum.
    public let sum: Double
    /// The sum of their squares.
    public let sumOfSquares: Double
    /// Each bucket's upper edge, ascending; the last is `maximum`.
    public let bucketLimits: [Double]
    /// How many values fall in each bucket (above the previous edge, up to this one).
    public let bucketCounts: [Double]

    /// The histogram of `values` (finite ones; at least one) in `bucketCount` buckets.
    public init(_ values: [Float], bucketCount: Int = 30) {
        precondition(bucketCount >= 1, "Histogram: bucketCount must be at least 1, not \(bucketCount)")
        let finite = values.filter(\.isFinite).map(Double.init)
        minimum = finite.min() ?? 0
        maximum = finite.max() ?? 0
        count = finite.count
        sum = finite.reduce(0, +)
        sumOfSquares = finite.reduce(0) { $0 + $1 * $1 }
        guard maximum > minimum else {
            bucketLimits = [maximum]
            bucketCounts = [Double(count)]
            return
        }
        let width = (maximum - minimum) / Double(bucketCount)
        var counts = [Double](repeating: 0, count: bucketCount)
        for value in finite {
            counts[min(bucketCount - 1, Int((value - minimum) / width))] += 1
        }
        let minimum = minimum, maximum = maximum
        bucketLimits = (1 ... bucketCount).map { $0 == bucketCount ? maximum : minimum + Double($0) * width }
        bucketCounts = counts
    }
}

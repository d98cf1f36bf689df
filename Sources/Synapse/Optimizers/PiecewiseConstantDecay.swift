/// A learning rate that is constant between step boundaries, as Keras's
/// `PiecewiseConstantDecay`: `values[0]` up to and including step
/// `boundaries[0]`, `values[1]` up to `boundaries[1]`, …, and the last value
/// after the last boundary.
public struct PiecewiseConstantDecay: LearningRateSchedule {
    /// The steps where the rate changes, increasing.
    public let boundaries: [Int]
    /// The rates: one more than there are boundaries.
    public let values: [Float]

    /// A schedule with `values.count == boundaries.count + 1`.
    public init(boundaries: [Int], values: [Float]) {
        precondition(values.count == boundaries.count + 1,
                     "PiecewiseConstantDecay: \(boundaries.count) boundaries need \(boundaries.count + 1) values, got \(values.count)")
        precondition(zip(boundaries, boundaries.dropFirst()).allSatisfy { $0 < $1 },
                     "PiecewiseConstantDecay: boundaries must increase, got \(boundaries)")
        self.boundaries = boundaries
        self.values = values
    }

    /// The value of the interval holding `step`.
    public func learningRate(atStep step: Int) -> Float {
        values[boundaries.firstIndex { step <= $0 } ?? boundaries.count]
    }
}

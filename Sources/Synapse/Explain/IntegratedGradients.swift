/// Integrated gradients (Sundararajan et al., 2017): the gradient averaged
/// along the straight path from a baseline x′ to the input x, times x − x′.
/// The attributions add up to F(x) − F(x′) (completeness); how far they miss
/// is the convergence delta.
///
/// The path points of all inputs run through the model as large batches
/// (at most the score's `maximumBatchSize` at once), not one pass per step.
public struct IntegratedGradients: AttributionMethod {
    /// The number of points on the path (Captum's `n_steps`, default 50).
    public var steps: Int
    /// Where the points lie and how they are weighted (default Gauss–Legendre).
    public var rule: IntegrationRule
    /// The baseline: nil for zeros, else a tensor of the inputs' shape or of
    /// one example's shape (used for every input).
    public var baseline: Tensor?

    /// Integrated gradients with `steps` points by `rule` from `baseline` (zeros by default).
    public init(steps: Int = 50, rule: IntegrationRule = .gaussLegendre, baseline: Tensor? = nil) {
        self.steps = steps
        self.rule = rule
        self.baseline = baseline
    }

    /// `"ig"`.
    public var name: String { "ig" }

    /// The attributions, without the deltas.
    public func attributions(for inputs: Tensor, classes: [Int], score: ClassScore) throws -> Tensor {
        try attributionsWithDelta(for: inputs, classes: classes, score: score).attributions
    }

    /// The attributions and, per input, the convergence delta
    /// Σ attributions − (F(x) − F(x′)).
    public func attributionsWithDelta(
        for inputs: Tensor, classes: [Int], score: ClassScore
    ) throws -> (attributions: Tensor, deltas: [Float]) {
        guard steps > 1 || (rule == .gaussLegendre && steps > 0) else {
            throw ExplainError.invalidArgument(name: "steps", value: "\(steps)",
                                               expected: rule == .gaussLegendre ? "at least 1" : "at least 2")
        }
        let x = inputs.detached()
        let start = try expandedBaseline(baseline, like: x)
        let (alphas, weights) = rule.points(steps: steps)
        let exampleCount = x.shape[0], size = x.count / exampleCount
        let pointCount = exampleCount * steps
        let chunk = score.maximumBatchSize
        var weightedSum = [Float](repeating: 0, count: x.count)
        let difference = withoutGradients { x - start }
        for first in stride(from: 0, to: pointCount, by: chunk) {
            let rows = first..<min(first + chunk, pointCount)
            let path = pathPoints(rows, start: start, difference: difference, alphas: alphas, size: size)
            let rowClasses = rows.map { classes[$0 / steps] }
            let gradients = score.gradients(path, classes: rowClasses).gradients
            gradients.withUnsafeBufferPointer { g in
                weightedSum.withUnsafeMutableBufferPointer { sum in
                    for (offset, row) in rows.enumerated() {
                        let weight = Float(weights[row % steps])
                        let target = (row / steps) * size, source = offset * size
                        for j in 0..<size { sum[target + j] += weight * g[source + j] }
                    }
                }
            }
        }
        let attributions = withoutGradients { Tensor(shape: x.shape, scalars: weightedSum) * difference }
        let ends = score.values(concatenate([x, start]), classes: classes + classes)
        let totals = attributions.reshaped(to: [exampleCount, size]).sum(alongAxis: 1).scalars
        let deltas = (0..<exampleCount).map { totals[$0] - (ends[$0] - ends[exampleCount + $0]) }
        return (attributions, deltas)
    }

    /// x′ + α (x − x′) for the path rows `rows` (row r is example r / steps at
    /// step r % steps).
    private func pathPoints(_ rows: Range<Int>, start: Tensor, difference: Tensor, alphas: [Double],
                            size: Int) -> Tensor {
        var shape = start.shape
        shape[0] = rows.count
        var scalars = [Float](repeating: 0, count: rows.count * size)
        start.withUnsafeBufferPointer { base in
            difference.withUnsafeBufferPointer { delta in
                scalars.withUnsafeMutableBufferPointer { out in
                    for (offset, row) in rows.enumerated() {
                        let alpha = Float(alphas[row % steps])
                        let source = (row / steps) * size, target = offset * size
                        for j in 0..<size { out[target + j] = base[source + j] + alpha * delta[source + j] }
                    }
                }
            }
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}

/// `baseline` as a tensor of `inputs`' shape: zeros when nil, repeated when
/// it has one example's shape. Throws `ExplainError.baselineShape` otherwise.
func expandedBaseline(_ baseline: Tensor?, like inputs: Tensor) throws -> Tensor {
    guard let baseline else { return Tensor.zeros(inputs.shape) }
    if baseline.shape == inputs.shape { return baseline.detached() }
    if baseline.shape == Array(inputs.shape.dropFirst()) {
        return withoutGradients { baseline.detached().expandingShape(at: 0).broadcast(to: inputs.shape) }
    }
    throw ExplainError.baselineShape(expected: inputs.shape, got: baseline.shape)
}

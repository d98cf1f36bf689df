/// How well analytic gradients matched central finite differences.
public struct GradientCheckResult: CustomStringConvertible {
    /// The largest |analytic − numeric| over all checked elements.
    public var maxAbsoluteError: Double
    /// The worst error relative to the tolerance; ≤ 1 means every element passed.
    public var worstToleranceRatio: Double
    /// Where the worst element was: input number and flat element index.
    public var worstLocation: (input: Int, element: Int)
    /// The analytic and numeric values at the worst element.
    public var worstPair: (analytic: Double, numeric: Double)

    /// True when every element was within tolerance.
    public var passed: Bool { worstToleranceRatio <= 1 }

    /// A one-line report of the worst element.
    public var description: String {
        "gradient check \(passed ? "passed" : "FAILED"): worst at input \(worstLocation.input) element \(worstLocation.element): analytic \(worstPair.analytic), numeric \(worstPair.numeric) (max abs error \(maxAbsoluteError))"
    }
}

/// Compares the gradients that autodiff computes for `function` with central
/// finite differences, at `inputs`.
///
/// The function's output is projected onto fixed random weights, so the
/// gradient of every output element is checked, not just of their sum. An
/// element passes when |analytic − numeric| ≤ `absoluteTolerance` +
/// `relativeTolerance`·|numeric|. Keep inputs away from kinks (0 for ReLU).
///
/// The defaults (2e-4 absolute, 2e-3 relative, step 1e-2) are tight enough
/// to reject a derivative that is off by a tenth of a percent of its scale,
/// such as the tanh approximation of GELU's derivative, and loose enough for
/// Float32 central differences of smooth operations: the truncation error is
/// about step²·f‴/6 and the rounding error about 1e-7·|f|/step. Operations
/// with a large third derivative (a logarithm near 0, for example) need a
/// smaller step or a looser tolerance; say why where you pass one.
public func checkGradients(
    at inputs: [Tensor],
    epsilon: Float = 1e-2,
    absoluteTolerance: Double = 2e-4,
    relativeTolerance: Double = 2e-3,
    of function: ([Tensor]) -> Tensor
) -> GradientCheckResult {
    let leaves = inputs.map { $0.detached().requiringGradient() }
    let probe = function(leaves)
    var generator = SeededGenerator(seed: 7)
    let weights = Tensor.randomUniform(probe.shape, lower: 0.5, upper: 1.5, using: &generator)
    let analytic = (probe * weights).sum().gradients(wrt: leaves)

    func projectedOutput(_ values: [Tensor]) -> Double {
        let output = withoutGradients { function(values) }
        var total = 0.0
        for (y, w) in zip(output.scalars, weights.scalars) { total += Double(y) * Double(w) }
        return total
    }

    var result = GradientCheckResult(maxAbsoluteError: 0, worstToleranceRatio: 0,
                                     worstLocation: (0, 0), worstPair: (0, 0))
    for inputIndex in inputs.indices {
        for element in 0..<inputs[inputIndex].count {
            var values = inputs.map { $0.detached() }
            let original = values[inputIndex].storage.pointer[element]
            values[inputIndex].withUnsafeMutableBufferPointer { $0[element] = original + epsilon }
            let plus = projectedOutput(values)
            values[inputIndex].withUnsafeMutableBufferPointer { $0[element] = original - epsilon }
            let minus = projectedOutput(values)
            let numeric = (plus - minus) / (2 * Double(epsilon))
            let exact = Double(analytic[inputIndex].storage.pointer[element])
            let error = Swift.abs(exact - numeric)
            let ratio = error / (absoluteTolerance + relativeTolerance * Swift.abs(numeric))
            result.maxAbsoluteError = Swift.max(result.maxAbsoluteError, error)
            if ratio > result.worstToleranceRatio {
                result.worstToleranceRatio = ratio
                result.worstLocation = (inputIndex, element)
                result.worstPair = (exact, numeric)
            }
        }
    }
    return result
}

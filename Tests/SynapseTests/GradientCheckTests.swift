import XCTest
@testable import Synapse

/// Every elementwise, reduction, shape and matrix operation, checked against
/// central finite differences at `checkGradients`'s default tolerances, and
/// the checker itself shown to reject plausible wrong gradients.
final class GradientCheckTests: XCTestCase, GradientChecked {
    static var a: Tensor { randomTensor([3, 4], seed: 1) }
    static var b: Tensor { randomTensor([3, 4], seed: 2) }
    static var positive: Tensor { randomTensor([3, 4], seed: 3, lower: 0.5, upper: 2) }

    static var gradientCases: [GradientCase] {
        arithmeticCases + elementwiseMathCases + activationCases + softmaxCases + reductionCases
            + shapeCases + matrixProductCases
    }

    func testGradientCases() {
        Self.gradientCases.assertAllPass()
    }

    static var arithmeticCases: [GradientCase] {
        let row = randomTensor([4], seed: 4), column = randomTensor([3, 1], seed: 5)
        return [
            GradientCase(at: [a, b]) { $0[0] + $0[1] },
            GradientCase(at: [a, row]) { $0[0] - $0[1] },
            GradientCase(at: [a, column]) { $0[0] * $0[1] },
            GradientCase(at: [a, positive]) { $0[0] / $0[1] },
            GradientCase(at: [a, Tensor(0.7)]) { $0[0] * $0[1] + $0[1] },
            GradientCase(at: [column, row]) { $0[0] * $0[1] },
            GradientCase(at: [a]) { -$0[0] * 3 + 2 - 1 / ($0[0] + 5) },
            GradientCase(at: [a]) { 2 - $0[0] / 4 },
            GradientCase(at: [a]) { $0[0] * $0[0] + $0[0] },
        ]
    }

    static var elementwiseMathCases: [GradientCase] {
        [
            GradientCase(at: [a]) { $0[0].exp() },
            GradientCase(at: [positive]) { $0[0].log() },
            GradientCase(at: [positive]) { $0[0].sqrt() },
            GradientCase(at: [positive]) { $0[0].pow(1.5) },
            GradientCase(at: [positive]) { $0[0].pow(-0.7) },
            GradientCase(at: [a]) { $0[0].pow(2) },
            GradientCase(at: [a]) { $0[0].pow(3) },
            GradientCase(at: [positive, b]) { $0[0].pow($0[1]) },
            GradientCase(at: [randomTensorAwayFromZero([3, 4], seed: 6)]) { $0[0].abs() },
            GradientCase(at: [a]) { $0[0].squared() },
            GradientCase(at: [a * 2]) { $0[0].clipped(to: -0.55, 0.45) },
            GradientCase(at: [a * 2]) { $0[0].clipped(to: 0.35, 1.25) },
        ]
    }

    static var activationCases: [GradientCase] {
        let x = randomTensorAwayFromZero([3, 4], seed: 7) * 2
        return [
            GradientCase(at: [x]) { $0[0].relu() },
            GradientCase(at: [x]) { $0[0].sigmoid() },
            GradientCase(at: [x]) { $0[0].tanh() },
            GradientCase(at: [x]) { $0[0].leakyRelu() },
            GradientCase(at: [x]) { $0[0].leakyRelu(slope: 0.1) },
            GradientCase(at: [x]) { $0[0].leakyRelu(slope: 1.7) },
            GradientCase(at: [x]) { $0[0].elu() },
            GradientCase(at: [x]) { $0[0].elu(alpha: 0.3) },
            GradientCase(at: [x]) { $0[0].elu(alpha: 2.5) },
            GradientCase(at: [x * 1.5]) { $0[0].gelu() },
            GradientCase(at: [x]) { $0[0].softplus() },
            GradientCase(at: [x]) { $0[0].swish() },
        ]
    }

    static var softmaxCases: [GradientCase] {
        let logits = randomTensor([2, 3, 5], seed: 8) * 3
        return [
            GradientCase(at: [logits]) { $0[0].softmax() },
            GradientCase(at: [logits]) { $0[0].logSoftmax() },
        ]
    }

    static var reductionCases: [GradientCase] {
        let x = randomTensor([2, 3, 4], seed: 9)
        return [
            GradientCase(at: [x]) { $0[0].sum() },
            GradientCase(at: [x]) { $0[0].sum(alongAxes: [0, 2]) },
            GradientCase(at: [x]) { $0[0].sum(alongAxis: 1, keepingDimensions: true) },
            GradientCase(at: [x]) { $0[0].mean(alongAxis: -1) },
            GradientCase(at: [x]) { $0[0].mean() },
            GradientCase(at: [x]) { $0[0].max(alongAxis: 1) },
            GradientCase(at: [x]) { $0[0].max(alongAxes: [0, 2], keepingDimensions: true) },
            GradientCase(at: [x]) { $0[0].max() },
        ]
    }

    static var shapeCases: [GradientCase] {
        let x = randomTensor([2, 3, 4], seed: 10)
        return [
            GradientCase(at: [x]) { $0[0].reshaped(to: [6, -1]) * Tensor.range(to: 4) },
            GradientCase(at: [x]) { $0[0].permuted([2, 0, 1]) * Tensor.range(to: 3) },
            GradientCase(at: [x]) { $0[0].transposed() },
            GradientCase(at: [x]) { $0[0][1..<2] },
            GradientCase(at: [x]) { $0[0].slice(alongAxis: 2, 1..<3) },
            GradientCase(at: [x]) { $0[0].gathering(rows: [1, 0, 1]) },
            GradientCase(at: [x, randomTensor([2, 1, 4], seed: 11)]) { concatenate($0, alongAxis: 1) },
            GradientCase(at: [a, b]) { stack($0, alongAxis: 1) },
            GradientCase(at: [randomTensor([3, 1], seed: 12)]) { $0[0].broadcast(to: [2, 3, 4]) },
            GradientCase(at: [x]) { $0[0].expandingShape(at: 1).squeezingShape() },
        ]
    }

    static var matrixProductCases: [GradientCase] {
        let m = randomTensor([3, 5], seed: 13), n = randomTensor([5, 2], seed: 14)
        let batchA = randomTensor([2, 3, 5], seed: 15), batchB = randomTensor([2, 5, 4], seed: 16)
        let bias = randomTensor([2], seed: 17)
        return [
            GradientCase(at: [m, n]) { $0[0].matmul($0[1]) },
            GradientCase(at: [batchA, batchB]) { $0[0].matmul($0[1]) },
            GradientCase(at: [batchA, n]) { $0[0].matmul($0[1]) },
            GradientCase(at: [m, n, bias]) { Tensor.linear($0[0], weight: $0[1], bias: $0[2]) },
            GradientCase(at: [m, n]) { Tensor.linear($0[0], weight: $0[1], bias: nil) },
            GradientCase(at: [m, n, bias]) { Tensor.linear($0[0], weight: $0[1], bias: $0[2], relu: true) },
            GradientCase(at: [m, n]) { Tensor.linear($0[0], weight: $0[1], bias: nil, relu: true) },
        ]
    }

    func testTensorUsedTwiceAccumulates() {
        let x = Tensor([1, 2, 3]).requiringGradient()
        let y = (x * x).sum() + x.sum()
        XCTAssertEqual(y.gradients(wrt: [x])[0].scalars, [3, 5, 7])
    }

    func testGradientCheckDetectsAWrongGradient() {
        // A deliberately wrong derivative must fail the check.
        let result = checkGradients(at: [Self.a]) { inputs in
            let x = inputs[0]
            return Tensor.recording(x.mapElements { $0 * $0 }, x) { $0 * 3 }
        }
        XCTAssertFalse(result.passed)
    }

    /// Inputs across [−3, 3], where the two GELU derivatives differ most (near ±2).
    let wide = Tensor(shape: [2, 13], scalars: (0..<26).map { Float($0) * 0.23 - 2.95 })

    func testGradientCheckRejectsTheTanhApproximationOfGELUsDerivative() {
        // The exact GELU forward with the tanh-approximation's derivative: at
        // most 8.7e-4 wrong (at x ≈ ±2), which the old tolerance let through.
        let result = checkGradients(at: [wide]) { inputs in
            let x = inputs[0]
            return Tensor.recording(withoutGradients { x.gelu() }, x) { grad in
                grad * x.detached().mapElements { x -> Float in
                    let c = Float(2 / Double.pi).squareRoot()
                    let t = Foundation.tanh(c * (x + 0.044715 * x * x * x))
                    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x)
                }
            }
        }
        XCTAssertFalse(result.passed, result.description)
        XCTAssertTrue(checkGradients(at: [wide]) { $0[0].gelu() }.passed)
    }

    func testGradientCheckRejectsAnELUDerivativeThatIgnoresAlpha() {
        let alpha: Float = 1.2
        let result = checkGradients(at: [wide]) { inputs in
            let x = inputs[0]
            return Tensor.recording(withoutGradients { x.elu(alpha: alpha) }, x) { grad in
                grad * x.detached().mapElements { $0 > 0 ? 1 : Foundation.exp($0) }
            }
        }
        XCTAssertFalse(result.passed, result.description)
        XCTAssertTrue(checkGradients(at: [wide]) { $0[0].elu(alpha: alpha) }.passed)
    }
}

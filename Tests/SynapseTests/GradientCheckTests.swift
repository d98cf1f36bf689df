import XCTest
@testable import Synapse

/// Every differentiable operation, checked against central finite differences.
final class GradientCheckTests: XCTestCase {
    let a = randomTensor([3, 4], seed: 1)
    let b = randomTensor([3, 4], seed: 2)
    let positive = randomTensor([3, 4], seed: 3, lower: 0.5, upper: 2)

    func testArithmeticWithBroadcasting() {
        let row = randomTensor([4], seed: 4), column = randomTensor([3, 1], seed: 5)
        assertGradientsMatch(at: [a, b]) { $0[0] + $0[1] }
        assertGradientsMatch(at: [a, row]) { $0[0] - $0[1] }
        assertGradientsMatch(at: [a, column]) { $0[0] * $0[1] }
        assertGradientsMatch(at: [a, positive]) { $0[0] / $0[1] }
        assertGradientsMatch(at: [a, Tensor(0.7)]) { $0[0] * $0[1] + $0[1] }
        assertGradientsMatch(at: [column, row]) { $0[0] * $0[1] }
        assertGradientsMatch(at: [a]) { -$0[0] * 3 + 2 - 1 / ($0[0] + 5) }
        assertGradientsMatch(at: [a]) { 2 - $0[0] / 4 }
    }

    func testTensorUsedTwiceAccumulates() {
        assertGradientsMatch(at: [a]) { $0[0] * $0[0] + $0[0] }
        let x = Tensor([1, 2, 3]).requiringGradient()
        let y = (x * x).sum() + x.sum()
        XCTAssertEqual(y.gradients(wrt: [x])[0].scalars, [3, 5, 7])
    }

    func testElementwiseMath() {
        assertGradientsMatch(at: [a]) { $0[0].exp() }
        assertGradientsMatch(at: [positive]) { $0[0].log() }
        assertGradientsMatch(at: [positive]) { $0[0].sqrt() }
        assertGradientsMatch(at: [positive]) { $0[0].pow(1.5) }
        assertGradientsMatch(at: [a]) { $0[0].pow(2) }
        assertGradientsMatch(at: [positive, b]) { $0[0].pow($0[1]) }
        assertGradientsMatch(at: [randomTensorAwayFromZero([3, 4], seed: 6)]) { $0[0].abs() }
        assertGradientsMatch(at: [a]) { $0[0].squared() }
        assertGradientsMatch(at: [a * 2]) { $0[0].clipped(to: -0.55, 0.45) }
    }

    func testActivations() {
        let x = randomTensorAwayFromZero([3, 4], seed: 7) * 2
        assertGradientsMatch(at: [x]) { $0[0].relu() }
        assertGradientsMatch(at: [x]) { $0[0].sigmoid() }
        assertGradientsMatch(at: [x]) { $0[0].tanh() }
        assertGradientsMatch(at: [x]) { $0[0].leakyRelu(slope: 0.1) }
        assertGradientsMatch(at: [x]) { $0[0].elu() }
        assertGradientsMatch(at: [x]) { $0[0].gelu() }
        assertGradientsMatch(at: [x]) { $0[0].softplus() }
        assertGradientsMatch(at: [x]) { $0[0].swish() }
    }

    func testSoftmaxAndLogSoftmax() {
        let logits = randomTensor([2, 3, 5], seed: 8) * 3
        assertGradientsMatch(at: [logits]) { $0[0].softmax() }
        assertGradientsMatch(at: [logits]) { $0[0].logSoftmax() }
    }

    func testReductions() {
        let x = randomTensor([2, 3, 4], seed: 9)
        assertGradientsMatch(at: [x]) { $0[0].sum() }
        assertGradientsMatch(at: [x]) { $0[0].sum(alongAxes: [0, 2]) }
        assertGradientsMatch(at: [x]) { $0[0].sum(alongAxis: 1, keepingDimensions: true) }
        assertGradientsMatch(at: [x]) { $0[0].mean(alongAxis: -1) }
        assertGradientsMatch(at: [x]) { $0[0].mean() }
        assertGradientsMatch(at: [x]) { $0[0].max(alongAxis: 1) }
        assertGradientsMatch(at: [x]) { $0[0].max(alongAxes: [0, 2], keepingDimensions: true) }
        assertGradientsMatch(at: [x]) { $0[0].max() }
    }

    func testShapeOperations() {
        let x = randomTensor([2, 3, 4], seed: 10)
        assertGradientsMatch(at: [x]) { $0[0].reshaped(to: [6, -1]) * Tensor.range(to: 4) }
        assertGradientsMatch(at: [x]) { $0[0].permuted([2, 0, 1]) * Tensor.range(to: 3) }
        assertGradientsMatch(at: [x]) { $0[0].transposed() }
        assertGradientsMatch(at: [x]) { $0[0][1..<2] }
        assertGradientsMatch(at: [x]) { $0[0].slice(alongAxis: 2, 1..<3) }
        assertGradientsMatch(at: [x]) { $0[0].gathering(rows: [1, 0, 1]) }
        assertGradientsMatch(at: [x, randomTensor([2, 1, 4], seed: 11)]) { concatenate($0, alongAxis: 1) }
        assertGradientsMatch(at: [a, b]) { stack($0, alongAxis: 1) }
        assertGradientsMatch(at: [randomTensor([3, 1], seed: 12)]) { $0[0].broadcast(to: [2, 3, 4]) }
        assertGradientsMatch(at: [x]) { $0[0].expandingShape(at: 1).squeezingShape() }
    }

    func testMatrixProducts() {
        let m = randomTensor([3, 5], seed: 13), n = randomTensor([5, 2], seed: 14)
        assertGradientsMatch(at: [m, n]) { $0[0].matmul($0[1]) }
        let batchA = randomTensor([2, 3, 5], seed: 15), batchB = randomTensor([2, 5, 4], seed: 16)
        assertGradientsMatch(at: [batchA, batchB]) { $0[0].matmul($0[1]) }
        assertGradientsMatch(at: [batchA, n]) { $0[0].matmul($0[1]) }
        let bias = randomTensor([2], seed: 17)
        assertGradientsMatch(at: [m, n, bias]) { Tensor.linear($0[0], weight: $0[1], bias: $0[2]) }
        assertGradientsMatch(at: [m, n]) { Tensor.linear($0[0], weight: $0[1], bias: nil) }
        assertGradientsMatch(at: [m, n, bias]) { Tensor.linear($0[0], weight: $0[1], bias: $0[2], relu: true) }
        assertGradientsMatch(at: [m, n]) { Tensor.linear($0[0], weight: $0[1], bias: nil, relu: true) }
    }

    func testGradientCheckDetectsAWrongGradient() {
        // A deliberately wrong derivative must fail the check.
        let result = checkGradients(at: [a]) { inputs in
            let x = inputs[0]
            return Tensor.recording(x.mapElements { $0 * $0 }, x) { $0 * 3 }
        }
        XCTAssertFalse(result.passed)
    }
}

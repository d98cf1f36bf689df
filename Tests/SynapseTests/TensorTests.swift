import XCTest
@testable import Synapse

final class TensorTests: XCTestCase {
    func testCopiesDoNotSeeLaterMutations() {
        var original = Tensor([1, 2, 3])
        let copy = original
        original[1] = 20
        XCTAssertEqual(copy.scalars, [1, 2, 3])
        XCTAssertEqual(original.scalars, [1, 20, 3])
        var reshapedCopy = copy.reshaped(to: [3, 1])
        reshapedCopy[0, 0] = -1
        XCTAssertEqual(copy.scalars, [1, 2, 3])
    }

    func testCreation() {
        XCTAssertEqual(Tensor.zeros([2, 2]).scalars, [0, 0, 0, 0])
        XCTAssertEqual(Tensor.ones([3]).scalars, [1, 1, 1])
        XCTAssertEqual(Tensor.filled([2], with: 7).scalars, [7, 7])
        XCTAssertEqual(Tensor.range(from: 1, to: 2, step: 0.25).scalars, [1, 1.25, 1.5, 1.75])
        XCTAssertEqual(Tensor([[1, 2], [3, 4]]).shape, [2, 2])
        XCTAssertEqual(Tensor(5).shape, [])
        XCTAssertEqual(Tensor(5).scalar, 5)
    }

    func testSeededRandomIsReproducibleAndWellDistributed() {
        let u1 = Tensor.randomUniform([1000], lower: -2, upper: 2, seed: 42)
        XCTAssertEqual(u1, Tensor.randomUniform([1000], lower: -2, upper: 2, seed: 42))
        XCTAssertNotEqual(u1, Tensor.randomUniform([1000], lower: -2, upper: 2, seed: 43))
        XCTAssertTrue(u1.scalars.allSatisfy { $0 >= -2 && $0 < 2 })
        XCTAssertEqual(u1.mean().scalar, 0, accuracy: 0.15)
        let n = Tensor.randomNormal([20000], mean: 1, standardDeviation: 2, seed: 1)
        XCTAssertEqual(n.mean().scalar, 1, accuracy: 0.05)
        XCTAssertEqual((n - 1).squared().mean().sqrt().scalar, 2, accuracy: 0.05)
    }

    func testBroadcastingArithmetic() {
        let m = Tensor([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual((m + Tensor([10, 20, 30])).scalars, [11, 22, 33, 14, 25, 36])
        XCTAssertEqual((m * Tensor(shape: [2, 1], scalars: [1, -1])).scalars, [1, 2, 3, -4, -5, -6])
        XCTAssertEqual((Tensor(shape: [2, 1], scalars: [1, 2]) + Tensor([10, 20])).scalars, [11, 21, 12, 22])
        XCTAssertEqual((m - 1).scalars, [0, 1, 2, 3, 4, 5])
        XCTAssertEqual((12 / m).scalars, [12, 6, 4, 3, 2.4, 2])
        XCTAssertEqual((m / Tensor(2)).scalars, [0.5, 1, 1.5, 2, 2.5, 3])
        let scalarSum = Tensor(1) + Tensor(2)
        XCTAssertEqual(scalarSum.shape, [])
        XCTAssertEqual(scalarSum.scalar, 3)
        let empty = Tensor.zeros([0, 3]) + Tensor([1, 2, 3])
        XCTAssertEqual(empty.shape, [0, 3])
        let size1 = Tensor.ones([1, 1, 3]) * Tensor.ones([2, 1, 1])
        XCTAssertEqual(size1.shape, [2, 1, 3])
    }

    func testElementwiseMath() {
        let x = Tensor([0.5, 1, 2])
        assertClose(x.exp(), Tensor([1.6487213, 2.7182817, 7.389056]))
        assertClose(x.log(), Tensor([-0.6931472, 0, 0.6931472]))
        assertClose(x.sqrt(), Tensor([0.70710677, 1, 1.4142135]))
        assertClose(x.pow(3), Tensor([0.125, 1, 8]))
        XCTAssertEqual(Tensor([-1, 2]).abs().scalars, [1, 2])
        XCTAssertEqual((-Tensor([-1, 2])).scalars, [1, -2])
        assertClose(Tensor([-1, 0, 1]).sigmoid(), Tensor([0.26894143, 0.5, 0.7310586]))
        assertClose(Tensor([-1, 0, 1]).tanh(), Tensor([-0.7615942, 0, 0.7615942]))
        XCTAssertEqual(Tensor([-1, 0, 1]).relu().scalars, [0, 0, 1])
        // Reference values from torch.nn.functional (gelu exact, elu, softplus, silu).
        assertClose(Tensor([-1, 1]).gelu(), Tensor([-0.15865526, 0.8413447]))
        assertClose(Tensor([-1, 1]).elu(), Tensor([-0.63212055, 1]))
        assertClose(Tensor([-1, 1]).softplus(), Tensor([0.31326166, 1.3132616]))
        assertClose(Tensor([-1, 1]).swish(), Tensor([-0.26894143, 0.7310586]))
        assertClose(Tensor([-1, 1]).leakyRelu(slope: 0.2), Tensor([-0.2, 1]))
    }

    func testComparisons() {
        let a = Tensor([1, 2, 3]), b = Tensor([3, 2, 1])
        XCTAssertEqual((a .< b).scalars, [1, 0, 0])
        XCTAssertEqual((a .== b).scalars, [0, 1, 0])
        XCTAssertEqual((a .>= b).scalars, [0, 1, 1])
        XCTAssertEqual((a .> 1.5).scalars, [0, 1, 1])
    }

    func testReductionsOverAnyAxes() {
        let x = Tensor(shape: [2, 3], scalars: [1, 5, 3, 4, 2, 6])
        XCTAssertEqual(x.sum().scalar, 21)
        XCTAssertEqual(x.sum(alongAxis: 0).scalars, [5, 7, 9])
        XCTAssertEqual(x.sum(alongAxis: 1).scalars, [9, 12])
        XCTAssertEqual(x.sum(alongAxis: 1, keepingDimensions: true).shape, [2, 1])
        XCTAssertEqual(x.mean(alongAxis: 0).scalars, [2.5, 3.5, 4.5])
        XCTAssertEqual(x.max(alongAxis: 1).scalars, [5, 6])
        XCTAssertEqual(x.max(alongAxis: 0, keepingDimensions: true).shape, [1, 3])
        XCTAssertEqual(x.argmax(alongAxis: 1).scalars, [1, 2])
        XCTAssertEqual(x.argmax(alongAxis: 0).scalars, [1, 0, 1])
        let cube = Tensor.range(to: 24).reshaped(to: [2, 3, 4])
        XCTAssertEqual(cube.sum(alongAxes: [0, 2]).scalars, [60, 92, 124])
        XCTAssertEqual(cube.sum(alongAxes: [-1]).shape, [2, 3])
    }

    func testReductionEdgeCases() {
        XCTAssertEqual(Tensor(3).sum().scalar, 3)
        XCTAssertEqual(Tensor(3).max().scalar, 3)
        XCTAssertEqual(Tensor.zeros([0]).sum().scalar, 0)
        XCTAssertEqual(Tensor.zeros([0, 4]).sum(alongAxis: 0).scalars, [0, 0, 0, 0])
        XCTAssertEqual(Tensor.zeros([4, 0]).sum(alongAxis: 1).scalars, [0, 0, 0, 0])
        XCTAssertEqual(Tensor.ones([1, 1, 1]).sum(alongAxis: 1).shape, [1, 1])
        XCTAssertEqual(Tensor([[1], [2]]).max(alongAxis: 1).scalars, [1, 2])
    }

    func testShapeOperations() {
        let x = Tensor.range(to: 6).reshaped(to: [2, 3])
        XCTAssertEqual(x.transposed().scalars, [0, 3, 1, 4, 2, 5])
        XCTAssertEqual(x.T.shape, [3, 2])
        let cube = Tensor.range(to: 24).reshaped(to: [2, 3, 4])
        let permuted = cube.permuted([2, 0, 1])
        XCTAssertEqual(permuted.shape, [4, 2, 3])
        XCTAssertEqual(permuted[1, 1, 2], cube[1, 2, 1])
        XCTAssertEqual(cube[1..<2].shape, [1, 3, 4])
        XCTAssertEqual(cube[1..<2].scalars.first, 12)
        XCTAssertEqual(cube.slice(alongAxis: 2, 1..<3).scalars.prefix(4), [1, 2, 5, 6])
        XCTAssertEqual(concatenate([x, x * 10], alongAxis: 1).scalars, [0, 1, 2, 0, 10, 20, 3, 4, 5, 30, 40, 50])
        XCTAssertEqual(concatenate([x, x], alongAxis: 0).shape, [4, 3])
        XCTAssertEqual(stack([Tensor([1, 2]), Tensor([3, 4])]).scalars, [1, 2, 3, 4])
        XCTAssertEqual(stack([Tensor([1, 2]), Tensor([3, 4])], alongAxis: 1).scalars, [1, 3, 2, 4])
        XCTAssertEqual(x.reshaped(to: [-1]).shape, [6])
        XCTAssertEqual(Tensor([1, 2]).broadcast(to: [2, 2]).scalars, [1, 2, 1, 2])
        XCTAssertEqual(x.gathering(rows: [1, 1, 0]).scalars, [3, 4, 5, 3, 4, 5, 0, 1, 2])
        XCTAssertEqual(Tensor.zeros([1, 3, 1]).squeezingShape().shape, [3])
    }

    func testSoftmaxIsStableAndNormalised() {
        let logits = Tensor([[1000, 1001, 1002], [-1000, 0, 1000]])
        let probabilities = logits.softmax()
        XCTAssertTrue(probabilities.scalars.allSatisfy { $0.isFinite })
        assertClose(probabilities.sum(alongAxis: 1), Tensor([1, 1]))
        assertClose(probabilities[0..<1], Tensor([[0.09003057, 0.24472847, 0.66524096]]))
        assertClose(logits.logSoftmax()[0..<1], Tensor([[-2.407606, -1.4076059, -0.40760595]]))
        XCTAssertTrue(logits.logSoftmax().scalars.allSatisfy { $0.isFinite })
    }

    func testMatmulShapes() {
        let a = Tensor([[1, 2], [3, 4]]), b = Tensor([[5, 6], [7, 8]])
        XCTAssertEqual(a.matmul(b).scalars, [19, 22, 43, 50])
        let batch = stack([a, b])
        XCTAssertEqual(batch.matmul(batch).shape, [2, 2, 2])
        XCTAssertEqual(batch.matmul(batch)[1..<2].scalars, [67, 78, 91, 106])
        XCTAssertEqual(batch.matmul(a).shape, [2, 2, 2])
        XCTAssertEqual(Tensor.zeros([3, 0]).matmul(Tensor.zeros([0, 2])).scalars, [0, 0, 0, 0, 0, 0])
    }

    func testNoGradientModeRecordsNothing() {
        let w = Tensor([1, 2]).requiringGradient()
        let inside = withoutGradients { (w * 2).sum() }
        XCTAssertFalse(inside.requiresGradient)
        XCTAssertTrue((w * 2).sum().requiresGradient)
        XCTAssertFalse((Tensor([1]) * 2).requiresGradient)
    }

    func testGradientsOfInputsAndUnusedTensors() {
        let x = Tensor([[1, 2]]).requiringGradient()
        let w = Tensor([[3], [4]]).requiringGradient()
        let unused = Tensor([9]).requiringGradient()
        let y = x.matmul(w).sum()
        let grads = y.gradients(wrt: [x, w, unused])
        XCTAssertEqual(grads[0].scalars, [3, 4])
        XCTAssertEqual(grads[1].scalars, [1, 2])
        XCTAssertEqual(grads[2].scalars, [0])
        // A second backward pass over the same graph gives the same answer.
        XCTAssertEqual(y.gradients(wrt: [x])[0].scalars, [3, 4])
    }
}

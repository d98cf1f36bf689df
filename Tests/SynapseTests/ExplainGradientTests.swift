import XCTest
@testable import Synapse

/// The gradient checks of the explain folder's differentiable operations.
final class ExplainGradientTests: XCTestCase, GradientChecked {
    /// The positive-gradient gate is the identity wherever the gradient
    /// reaching it is positive (here exp(·) > 0 makes it so); where it is
    /// negative it deliberately differs from the true gradient, which
    /// `testGateBlocksNegativeGradients` checks.
    static var gradientCases: [GradientCase] {
        [GradientCase(at: [Tensor.randomNormal([3, 4], seed: 6)]) { $0[0].passingPositiveGradients().exp().sum() }]
    }

    func testGradientCases() {
        Self.gradientCases.assertAllPass()
    }

    func testGateBlocksNegativeGradients() {
        let x = Tensor([1, -2, 3]).requiringGradient()
        let gradient = (x.passingPositiveGradients() * Tensor([2, -1, -3])).sum().gradients(wrt: [x])[0]
        XCTAssertEqual(gradient.scalars, [2, 0, 0])
    }
}

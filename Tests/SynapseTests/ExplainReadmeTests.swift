import XCTest
@testable import Synapse

/// The README's explanation example, compiled and run on Keras's convnet.
final class ExplainReadmeTests: XCTestCase {
    func testReadmeExample() throws {
        let model = Sequential.simpleConvNet()
        let images = Tensor.randomUniform([2, 28, 28, 1], seed: 9)
        let maps = try model.attributions(for: images, method: IntegratedGradients())        // 50 Gauss–Legendre steps
        let cam = try model.attributions(for: images, method: GradCAM(layer: "conv2d_1"), target: .index(7))
        let smooth = try model.attributions(for: images, method: SmoothGrad(Saliency(), samples: 25))
        XCTAssertEqual([maps.shape, cam.shape, smooth.shape], [[2, 28, 28, 1], [2, 28, 28, 1], [2, 28, 28, 1]])
    }
}

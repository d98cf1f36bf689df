import XCTest
@testable import Synapse

/// The convolution, pooling and resizing operations against finite differences.
final class ConvGradientTests: XCTestCase {
    let image = randomTensor([2, 5, 6, 3], seed: 21)

    func testConv2DGradients() {
        let kernel = randomTensor([3, 3, 3, 2], seed: 22), bias = randomTensor([2], seed: 23)
        for (strides, padding, dilation) in [(Size2D(1, 1), Padding.valid, Size2D(1, 1)), (2, .same, 1), (1, .same, Size2D(2, 1)), (Size2D(2, 1), .valid, 1)] {
            assertGradientsMatch(at: [image, kernel, bias]) {
                $0[0].conv2D($0[1], bias: $0[2], strides: strides, padding: padding, dilation: dilation)
            }
        }
        assertGradientsMatch(at: [image, kernel]) { $0[0].conv2D($0[1], padding: .same) }
        let pointwise = randomTensor([1, 1, 3, 4], seed: 24)
        assertGradientsMatch(at: [image, pointwise]) { $0[0].conv2D($0[1]) }
    }

    func testConv2DWithFusedReLUGradients() {
        // Small weights and biases of ±1.5 and 1 keep every pre-activation at
        // least 0.4 away from ReLU's kink, on both sides of it.
        let kernel = randomTensor([2, 2, 3, 3], seed: 25) * 0.05, bias = Tensor([1.5, -1.5, 1])
        let output = withoutGradients { image.conv2D(kernel, bias: bias, padding: .same) }
        XCTAssertGreaterThan(output.scalars.map(Swift.abs).min()!, 0.3)
        assertGradientsMatch(at: [image, kernel, bias]) {
            $0[0].conv2D($0[1], bias: $0[2], padding: .same, appliesReLU: true)
        }
        let relu = withoutGradients { image.conv2D(kernel, bias: bias, padding: .same, appliesReLU: true) }
        assertClose(relu, output.relu())
    }

    func testConv2DSkipsTheInputGradientWhenNotNeeded() {
        let kernel = randomTensor([3, 3, 3, 2], seed: 27).requiringGradient()
        let loss = image.conv2D(kernel).sum()
        XCTAssertEqual(loss.gradients(wrt: [kernel])[0].shape, [3, 3, 3, 2])
    }

    func testConv2DTransposeGradients() {
        let input = randomTensor([2, 3, 4, 2], seed: 28)
        let kernel = randomTensor([3, 3, 3, 2], seed: 29), bias = randomTensor([3], seed: 30)
        for (strides, padding) in [(Size2D(1, 1), Padding.valid), (2, .same), (2, .valid)] {
            assertGradientsMatch(at: [input, kernel, bias]) {
                $0[0].conv2DTranspose($0[1], bias: $0[2], strides: strides, padding: padding)
            }
        }
    }

    func testDepthwiseConv2DGradients() {
        let kernel = randomTensor([3, 2, 3, 2], seed: 31), bias = randomTensor([6], seed: 32)
        assertGradientsMatch(at: [image, kernel, bias]) { $0[0].depthwiseConv2D($0[1], bias: $0[2], strides: 2, padding: .same) }
        assertGradientsMatch(at: [image, kernel]) { $0[0].depthwiseConv2D($0[1], dilation: Size2D(1, 2)) }
    }

    func testPoolingGradients() {
        // Distinct values, so the maximum of each window is unambiguous.
        let distinct = Tensor(shape: [2, 5, 6, 3], scalars: (0..<180).map { Float(($0 * 37) % 180) / 50 })
        assertGradientsMatch(at: [distinct]) { $0[0].maxPool2D(poolSize: 2) }
        assertGradientsMatch(at: [distinct]) { $0[0].maxPool2D(poolSize: 3, strides: 2, padding: .same) }
        assertGradientsMatch(at: [image]) { $0[0].averagePool2D(poolSize: 2) }
        assertGradientsMatch(at: [image]) { $0[0].averagePool2D(poolSize: 3, strides: 2, padding: .same) }
        assertGradientsMatch(at: [image]) { $0[0].mean(alongAxes: [1, 2]) }
    }

    func testResizingGradients() {
        assertGradientsMatch(at: [image]) { $0[0].zeroPadded2D(top: 1, bottom: 2, left: 0, right: 1) }
        assertGradientsMatch(at: [image]) { $0[0].upsampledNearest2D(size: Size2D(2, 3)) }
    }
}

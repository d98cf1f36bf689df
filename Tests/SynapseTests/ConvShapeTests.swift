import XCTest
@testable import Synapse

/// Shape inference and shape errors of the convolutional layers.
final class ConvShapeTests: XCTestCase {
    /// Asserts that building `model` for `shape` throws `incompatibleInput`
    /// naming `layer`, the layer's input shape and a reason containing `because`.
    func assertBuildFails(_ model: Model, _ shape: [Int], layer: String, inputShape: [Int], because: String,
                          file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try model.build(inputShape: shape), file: file, line: line) { error in
            guard case let LayerError.incompatibleInput(name, badShape, reason) = error else {
                return XCTFail("unexpected error \(error)", file: file, line: line)
            }
            XCTAssertEqual(name, layer, file: file, line: line)
            XCTAssertEqual(badShape, inputShape, file: file, line: line)
            XCTAssertTrue(reason.contains(because), reason, file: file, line: line)
            XCTAssertTrue("\(error)".contains(layer), file: file, line: line)
        }
    }

    func testTooSmallImageForAValidConvolutionIsThrownWhenBuilding() {
        assertBuildFails(Sequential([Conv2D(4, kernelSize: 3)]), [2, 2, 1], layer: "conv2d", inputShape: [2, 2, 1],
                         because: "does not fit in the input height 2")
        assertBuildFails(Sequential([Conv2D(4, kernelSize: 3, dilation: 2)]), [4, 9, 1], layer: "conv2d",
                         inputShape: [4, 9, 1], because: "dilation 2")
    }

    func testPoolingPastTheEdgeIsThrownWhenBuilding() {
        let model = Sequential([Conv2D(8, kernelSize: 3), MaxPool2D(poolSize: 2), MaxPool2D(poolSize: 2), MaxPool2D(poolSize: 2)])
        assertBuildFails(model, [7, 7, 1], layer: "max_pooling2d_2", inputShape: [1, 1, 8], because: "input height 1")
        assertBuildFails(Sequential([AveragePool2D(poolSize: Size2D(2, 8))]), [5, 7, 3], layer: "average_pooling2d",
                         inputShape: [5, 7, 3], because: "input width 7")
    }

    func testNonImageInputIsThrownWhenBuilding() {
        assertBuildFails(Sequential([Flatten(), Conv2D(2, kernelSize: 1)]), [4, 4, 1], layer: "conv2d",
                         inputShape: [16], because: "[height, width, channels]")
    }

    func testSamePaddingNeverFailsAndGivesCeilOfInputOverStride() throws {
        let model = Sequential([Conv2D(3, kernelSize: 5, strides: 2, padding: .same), MaxPool2D(poolSize: 3, padding: .same),
                                UpSampling2D(size: Size2D(2, 3)), ZeroPadding2D(top: 1, bottom: 0, left: 2, right: 1),
                                DepthwiseConv2D(kernelSize: 3, padding: .same, depthMultiplier: 2),
                                Conv2DTranspose(4, kernelSize: 3, strides: 2), GlobalAveragePool2D()])
        try model.build(inputShape: [5, 7, 1])
        XCTAssertEqual(model.layers.map { $0.outputShape! },
                       [[3, 4, 3], [1, 2, 3], [2, 6, 3], [3, 9, 3], [3, 9, 6], [7, 19, 4], [4]])
        XCTAssertEqual(model(Tensor.zeros([2, 5, 7, 1])).shape, [2, 4])
    }

    func testConfigurationsRoundTrip() throws {
        let layers: [any ConfigurableLayer] = [
            Conv2D(3, kernelSize: Size2D(2, 3), strides: 2, padding: .same, dilation: 1, activation: .relu, useBias: false),
            Conv2DTranspose(2, kernelSize: 3, strides: 2, padding: .same), DepthwiseConv2D(kernelSize: 3, depthMultiplier: 2),
            MaxPool2D(poolSize: 3, strides: 1, padding: .same), AveragePool2D(poolSize: 2), GlobalAveragePool2D(),
            BatchNormalization(momentum: 0.9, epsilon: 1e-2), LayerNormalization(epsilon: 1e-5),
            ZeroPadding2D(top: 1, bottom: 2, left: 3, right: 4), UpSampling2D(size: Size2D(2, 3)),
        ]
        for layer in layers {
            let copy = try type(of: layer).init(configuration: layer.configuration)
            XCTAssertEqual(copy.configuration, layer.configuration, "\(type(of: layer))")
        }
        XCTAssertThrowsError(try Conv2D(configuration: ["filters": .int(2), "kernel_size": .int(3), "padding": .string("full")]))
        XCTAssertThrowsError(try Conv2D(configuration: ["filters": .int(2)]))
    }
}

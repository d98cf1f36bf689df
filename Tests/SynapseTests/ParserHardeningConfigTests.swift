import Foundation
import XCTest
@testable import Synapse

/// Tiny `config.json` files that used to trap or ask for gigabytes
/// (issue 10, items 21 and 22): each must be a typed error naming the file.
final class ParserHardeningConfigTests: XCTestCase {
    private let huge = 1 << 62

    /// The error `Model.makeModel` throws for a Sequential of `layers` on `inputShape`.
    private func loadError(inputShape: [Int], layers: [(String, [String: Any])],
                           limits: ModelSizeLimits = .default) -> Error? {
        let json: [String: Any] = [
            "format": "synapse-model", "format_version": 1, "model_class": "Sequential", "name": "tampered",
            "input_shape": inputShape,
            "layers": layers.enumerated().map { ["type": $1.0, "name": "layer\($0)", "configuration": $1.1] },
        ]
        do {
            let data = try JSONSerialization.data(withJSONObject: json)
            let config = try JSONDecoder().decode(ModelFileConfiguration.self, from: data)
            _ = try Model.makeModel(from: config, file: "config.json", limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// Asserts that loading fails with a `ModelFileError` naming config.json whose text contains `text`.
    private func assertRejected(inputShape: [Int], _ layers: [(String, [String: Any])], contains text: String,
                                limits: ModelSizeLimits = .default, file: StaticString = #filePath, line: UInt = #line) {
        guard let error = loadError(inputShape: inputShape, layers: layers, limits: limits) else {
            return XCTFail("loaded", file: file, line: line)
        }
        guard let modelError = error as? ModelFileError else { return XCTFail("\(error)", file: file, line: line) }
        let message = "\(modelError)"
        XCTAssertTrue(message.contains("config.json"), message, file: file, line: line)
        XCTAssertTrue(message.contains(text), message, file: file, line: line)
    }

    private func conv(_ extra: [String: Any]) -> [String: Any] {
        ["filters": 2, "kernel_size": [3, 3]].merging(extra) { $1 }
    }

    func testNegativeAndOverflowingInputShapesAreRejected() {
        assertRejected(inputShape: [-1, 28], [("Flatten", [:])], contains: "shape [-1, 28]")
        assertRejected(inputShape: [huge, huge], [("Flatten", [:])], contains: "input")
        assertRejected(inputShape: [0], [("Flatten", [:])], contains: "not positive")
    }

    func testAnInputOfTwoToTheThirtyOneIsRejectedBeforeAllocating() {
        assertRejected(inputShape: [1 << 31], [("Dense", ["units": 1])], contains: "maximumActivationCount")
    }

    func testDenseUnitsOutOfRangeAreRejected() {
        assertRejected(inputShape: [4], [("Dense", ["units": huge])], contains: "'units' must be in 1…")
        assertRejected(inputShape: [4], [("Dense", ["units": -3])], contains: "'units' must be in 1…")
    }

    func testDenseWithMoreParametersThanTheLimitIsRejectedBeforeAllocating() {
        // 784 × 2²⁴ weights: 13 billion, over the default 2³¹.
        assertRejected(inputShape: [784], [("Dense", ["units": 1 << 24])], contains: "maximumParameterCount")
        let small = ModelSizeLimits(maximumParameterCount: 100)
        assertRejected(inputShape: [10], [("Dense", ["units": 10])], contains: "more than 100", limits: small)
        XCTAssertNil(loadError(inputShape: [9], layers: [("Dense", ["units": 10])], limits: small))
    }

    func testConvolutionKernelDilationAndStrideOutOfRangeAreRejected() {
        let image = [8, 8, 1]
        assertRejected(inputShape: image, [("Conv2D", conv(["kernel_size": [huge, 1], "dilation_rate": huge]))], contains: "kernel_size")
        assertRejected(inputShape: image, [("Conv2D", conv(["dilation_rate": [1, huge]]))], contains: "dilation_rate")
        assertRejected(inputShape: image, [("Conv2D", conv(["strides": huge]))], contains: "strides")
        assertRejected(inputShape: image, [("Conv2DTranspose", conv(["strides": huge]))], contains: "strides")
        assertRejected(inputShape: image, [("Conv2D", conv(["filters": 1 << 40]))], contains: "filters")
    }

    func testLargestAcceptedConvolutionNumbersStillFailCleanly() {
        // Every number at the cap: the arithmetic must not overflow, and the sizes fail the limits.
        let cap = LayerConfigurationLimit.maximumSize
        assertRejected(inputShape: [8, 8, 1], [("Conv2D", conv(["kernel_size": cap, "dilation_rate": cap]))], contains: "maximumParameterCount")
        assertRejected(inputShape: [8, 8, 1], [("Conv2D", conv(["dilation_rate": cap]))], contains: "does not fit")
        assertRejected(inputShape: [8, 8, 1], [("Conv2DTranspose", conv(["strides": cap]))], contains: "maximumActivationCount")
        assertRejected(inputShape: [8, 8, 3], [("Conv2D", conv(["filters": cap, "kernel_size": 8]))], contains: "maximumParameterCount")
    }

    func testPaddingUpsamplingDepthMultiplierAndReshapeOutOfRangeAreRejected() {
        let image = [8, 8, 1]
        assertRejected(inputShape: image, [("ZeroPadding2D", ["padding": huge])], contains: "padding")
        assertRejected(inputShape: image, [("ZeroPadding2D", ["padding": [1, -2]])], contains: "padding")
        assertRejected(inputShape: image, [("UpSampling2D", ["size": huge])], contains: "size")
        assertRejected(inputShape: image, [("UpSampling2D", ["size": 1 << 24])], contains: "maximumActivationCount")
        assertRejected(inputShape: image, [("DepthwiseConv2D", ["kernel_size": 3, "depth_multiplier": huge])], contains: "depth_multiplier")
        assertRejected(inputShape: [6], [("Reshape", ["target_shape": [-2, -3]])], contains: "target_shape")
        assertRejected(inputShape: [6], [("Reshape", ["target_shape": [-1, -1]])], contains: "target_shape")
        assertRejected(inputShape: [6], [("Reshape", ["target_shape": [1 << 24, 1 << 24, 1 << 24, 1 << 24]])], contains: "target_shape")
        assertRejected(inputShape: [6], [("Reshape", ["target_shape": [4, -1]])], contains: "cannot be reshaped")
        XCTAssertNil(loadError(inputShape: [6], layers: [("Reshape", ["target_shape": [3, -1]])]))
    }

    func testPlannedParameterCountsMatchTheBuiltLayers() throws {
        let layers: [(Layer & PlansParameters, [Int])] = [
            (Dense(5), [7]), (Dense(5, useBias: false), [2, 7]),
            (Conv2D(4, kernelSize: Size2D(3, 2)), [8, 8, 3]),
            (Conv2DTranspose(4, kernelSize: 3, useBias: false), [8, 8, 3]),
            (DepthwiseConv2D(kernelSize: 3, depthMultiplier: 2), [8, 8, 3]),
            (BatchNormalization(), [8, 8, 3]), (LayerNormalization(), [5]),
        ]
        for (layer, shape) in layers {
            let planned = layer.plannedParameterCount(forInputShape: shape)
            try layer.buildOnce(inputShape: shape)
            XCTAssertEqual(planned, layer.parameterCount, "\(type(of: layer))")
        }
    }
}

import XCTest
@testable import Synapse

/// Each misuse of an attribution method gets one clear, typed error.
final class ExplainErrorTests: XCTestCase {
    private func convnet() throws -> Sequential {
        let model = Sequential([Conv2D(2, kernelSize: 3, activation: .relu), Flatten(), Dense(3)])
        try model.buildIfNeeded(inputShape: [6, 6, 1])
        return model
    }

    private func assertThrows(_ expected: ExplainError, _ body: () throws -> Tensor,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? ExplainError, expected, file: file, line: line)
            XCTAssertFalse("\(error)".isEmpty, file: file, line: line)
        }
    }

    func testUnknownGradCAMLayerListsTheLayers() throws {
        let model = try convnet()
        let inputs = Tensor.zeros([1, 6, 6, 1])
        assertThrows(.unknownLayer(path: "conv9", available: ["conv2d", "flatten", "dense"])) {
            try model.attributions(for: inputs, method: GradCAM(layer: "conv9"))
        }
        XCTAssertTrue(ExplainError.unknownLayer(path: "conv9", available: ["conv2d"]).description.contains("conv2d"))
    }

    func testGradCAMOnAModelWithoutConvolution() throws {
        let model = Sequential([Flatten(), Dense(3)])
        assertThrows(.noConvolution(model: "sequential")) {
            try model.attributions(for: Tensor.zeros([1, 4, 4]), method: GradCAM())
        }
    }

    func testClassOutOfRange() throws {
        let model = try convnet()
        assertThrows(.classOutOfRange(classIndex: 3, classCount: 3)) {
            try model.attributions(for: Tensor.zeros([2, 6, 6, 1]), method: Saliency(), target: .index(3))
        }
        assertThrows(.classOutOfRange(classIndex: -1, classCount: 3)) {
            try model.attributions(for: Tensor.zeros([2, 6, 6, 1]), method: Saliency(), target: .indices([0, -1]))
        }
        assertThrows(.targetCount(expected: 2, got: 3)) {
            try model.attributions(for: Tensor.zeros([2, 6, 6, 1]), method: Saliency(), target: .indices([0, 1, 2]))
        }
    }

    func testBaselineOfTheWrongShape() throws {
        let model = try convnet()
        assertThrows(.baselineShape(expected: [2, 6, 6, 1], got: [6, 6])) {
            try model.attributions(for: Tensor.zeros([2, 6, 6, 1]), method: IntegratedGradients(baseline: Tensor.zeros([6, 6])))
        }
    }

    func testOcclusionNeedsImagesAndAFittingPatch() throws {
        let model = Sequential([Dense(2)])
        assertThrows(.notAnImage(method: "occlusion", exampleShape: [4])) {
            try model.attributions(for: Tensor.zeros([1, 4]), method: Occlusion())
        }
        let convnet = try convnet()
        assertThrows(.invalidArgument(name: "patch", value: "7×7", expected: "between 1×1 and the image size 6×6")) {
            try convnet.attributions(for: Tensor.zeros([1, 6, 6, 1]), method: Occlusion(patch: 7))
        }
    }
}

import Foundation
import XCTest
@testable import Synapse

final class ONNXInteropTests: XCTestCase {
    /// Exports `model`, runs it in onnxruntime on 100 inputs and compares
    /// with Synapse's predictions.
    private func assertMatchesOnnxRuntime(_ model: Model, inputShape: [Int], file: StaticString = #filePath, line: UInt = #line) throws {
        _ = try InteropPython.interpreter()
        let directory = try makeTemporaryDirectory(self)
        let x = randomTensor([100] + inputShape, seed: 77, lower: -2, upper: 2)
        let predictions = try model.predict(x)
        let modelURL = directory.appendingPathComponent("model.onnx")
        try model.exportONNX(to: modelURL)
        let inputs = directory.appendingPathComponent("inputs.safetensors")
        let expected = directory.appendingPathComponent("expected.safetensors")
        try SafetensorsFile(tensors: [(name: "input", tensor: x)]).write(to: inputs)
        try SafetensorsFile(tensors: [(name: "output", tensor: predictions)]).write(to: expected)
        let result = try InteropPython.run("onnx_compare.py", [modelURL.path, inputs.path, expected.path, "1e-4"])
        XCTAssertEqual(result.status, 0, result.output, file: file, line: line)
        print("onnxruntime vs Synapse on 100 inputs: \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    func testMLPMatchesOnnxRuntime() throws {
        Synapse.seed(8)
        let model = Sequential([Flatten(), Dense(32, activation: .relu), Dropout(0.2), Dense(16, activation: .tanh),
                                Dense(16, activation: .sigmoid), Dense(10, activation: .softmax)])
        try model.build(inputShape: [4, 7])
        try assertMatchesOnnxRuntime(model, inputShape: [4, 7])
    }

    func testOtherActivationsAndReshapesMatchOnnxRuntime() throws {
        Synapse.seed(9)
        let model = Sequential([Dense(12, activation: .gelu), Reshape([3, 4]), Dense(5, activation: .swish),
                                ActivationLayer(.leakyRelu), Dense(6, activation: .elu), Flatten(), Dense(4, activation: .softplus),
                                Dense(3, useBias: false), ActivationLayer(.softmax)])
        try model.build(inputShape: [6])
        try assertMatchesOnnxRuntime(model, inputShape: [6])
    }
}

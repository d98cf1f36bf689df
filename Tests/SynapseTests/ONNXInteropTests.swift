import Foundation
import XCTest
@testable import Synapse

final class ONNXInteropTests: XCTestCase {
    /// Exports `model`, runs it in onnxruntime on 100 inputs and compares
    /// with Synapse's predictions.
    private func assertMatchesOnnxRuntime(_ model: Model, inputShape: [Int], file: StaticString = #filePath, line: UInt = #line) throws {
        let x = randomTensor([100] + inputShape, seed: 77, lower: -2, upper: 2)
        try assertMatchesOnnxRuntime(model, feeds: [(name: "input", tensor: x)],
                                     expected: [(name: "output", tensor: try model.predict(x))], file: file, line: line)
    }

    /// Exports `model`, runs it in onnxruntime on the named `feeds` and
    /// compares each named output with `expected`.
    private func assertMatchesOnnxRuntime(_ model: Model, feeds: [(name: String, tensor: Tensor)],
                                          expected: [(name: String, tensor: Tensor)],
                                          file: StaticString = #filePath, line: UInt = #line) throws {
        _ = try InteropPython.interpreter()
        let directory = try makeTemporaryDirectory(self)
        let modelURL = directory.appendingPathComponent("model.onnx")
        try model.exportONNX(to: modelURL)
        let inputs = directory.appendingPathComponent("inputs.safetensors")
        let expectedURL = directory.appendingPathComponent("expected.safetensors")
        try SafetensorsFile(tensors: feeds).write(to: inputs)
        try SafetensorsFile(tensors: expected).write(to: expectedURL)
        // The largest difference seen is 7.7e-7 (float32 rounding of the same
        // formulas in another order); 1e-5 leaves room for that and no more.
        let result = try InteropPython.run("onnx_compare.py", [modelURL.path, inputs.path, expectedURL.path, "1e-5"])
        XCTAssertEqual(result.status, 0, result.output, file: file, line: line)
        print("onnxruntime vs Synapse on 100 inputs: \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    /// ONNX's RNN, LSTM and GRU (linear_before_reset) nodes, one way and
    /// both ways, with the last output and with every step's.
    func testRecurrentLayersMatchOnnxRuntime() throws {
        Synapse.seed(12)
        let model = Sequential([LSTM(6, returnSequences: true), Bidirectional(GRU(5, returnSequences: true)),
                                SimpleRNN(4, returnSequences: true), Bidirectional(LSTM(3)), Dense(2)])
        try model.build(inputShape: [7, 3])
        try assertMatchesOnnxRuntime(model, inputShape: [7, 3])
        let backwards = Sequential([GRU(4, goBackwards: true)])
        try backwards.build(inputShape: [5, 2])
        try assertMatchesOnnxRuntime(backwards, inputShape: [5, 2])
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

    /// The Keras simple MNIST convnet: Conv, MaxPool, the NCHW round trip
    /// before Flatten, Dropout and a softmax classifier.
    func testConvNetMatchesOnnxRuntime() throws {
        Synapse.seed(10)
        let model = Sequential([Conv2D(32, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                                Conv2D(64, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                                Flatten(), Dropout(0.5), Dense(10, activation: .softmax)])
        try model.build(inputShape: [28, 28, 1])
        try assertMatchesOnnxRuntime(model, inputShape: [28, 28, 1])
    }

    /// `same` padding with odd totals (asymmetric pads), strides, dilation,
    /// average pooling that excludes padding, depthwise convolution, batch
    /// normalisation with trained moving statistics, padding, upsampling,
    /// layer normalisation and global pooling.
    func testOtherImageLayersMatchOnnxRuntime() throws {
        Synapse.seed(11)
        let model = Sequential([
            ZeroPadding2D(top: 1, bottom: 0, left: 2, right: 1), Conv2D(6, kernelSize: 4, strides: 2, padding: .same, activation: .relu),
            BatchNormalization(), AveragePool2D(poolSize: 3, strides: 2, padding: .same),
            DepthwiseConv2D(kernelSize: 3, padding: .same, depthMultiplier: 2, activation: .tanh),
            UpSampling2D(size: 2), Conv2D(5, kernelSize: 3, padding: .same, dilation: 2), ActivationLayer(.softmax),
            MaxPool2D(poolSize: 3, strides: 2, padding: .same), LayerNormalization(), Conv2D(4, kernelSize: 2),
            GlobalAveragePool2D(), BatchNormalization(), Dense(3),
        ])
        model.compile(optimizer: SGD(learningRate: 0.01), loss: .meanSquaredError)
        let x = randomTensor([16, 11, 13, 2], seed: 5)
        // A few steps move the moving statistics away from 0 and 1.
        try model.fit(x, randomTensor([16, 3], seed: 6), epochs: 3, batchSize: 8, verbose: .silent)
        try assertMatchesOnnxRuntime(model, inputShape: [11, 13, 2])
    }

    /// Conv1D with each padding, a stride and a dilation, the 1-D pools,
    /// in a Sequential.
    func testSequenceLayersMatchOnnxRuntime() throws {
        Synapse.seed(12)
        let model = Sequential([
            Conv1D(6, kernelSize: 3, padding: .causal, dilationRate: 2, activation: .relu),
            Conv1D(5, kernelSize: 4, strides: 2, padding: .same, activation: .tanh), MaxPool1D(poolSize: 3, strides: 2, padding: .same),
            Conv1D(4, kernelSize: 2), MaxPool1D(poolSize: 2), Flatten(), Dense(3),
        ])
        try model.build(inputShape: [23, 3])
        try assertMatchesOnnxRuntime(model, inputShape: [23, 3])
    }

    /// A functional graph with two inputs and two outputs, a residual Add,
    /// Concatenate, a shared layer and the global 1-D pools.
    func testFunctionalGraphMatchesOnnxRuntime() throws {
        Synapse.seed(13)
        let sequence = Input(shape: [10, 3], name: "sequence"), side = Input(shape: [4], name: "side")
        let conv = Conv1D(6, kernelSize: 3, padding: .same, activation: .relu)(sequence)
        let pooled = Concatenate()([GlobalAveragePool1D()(conv), GlobalMaxPool1D()(conv)])
        let shared = Dense(12, activation: .tanh)
        let residual = Add()([pooled, shared(pooled), shared(Dense(12)(side))])
        let model = Functional(inputs: [sequence, side], outputs: [Dense(2)(residual), Concatenate(axis: 1)([conv, conv])])
        let a = randomTensor([100, 10, 3], seed: 78, lower: -2, upper: 2), b = randomTensor([100, 4], seed: 79, lower: -2, upper: 2)
        let outputs = model([a, b])
        try assertMatchesOnnxRuntime(model, feeds: [(name: "sequence", tensor: a), (name: "side", tensor: b)],
                                     expected: [(name: "output_0", tensor: outputs[0]), (name: "output_1", tensor: outputs[1])])
    }
}

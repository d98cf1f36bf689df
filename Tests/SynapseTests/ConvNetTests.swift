import XCTest
@testable import Synapse

/// The same LeNet-5 as Examples/LeNet5/LeNet5.swift.
final class LeNet5: Model {
    let conv1 = Conv2D(6, kernelSize: 5, padding: .same, activation: .tanh)
    let pool1 = AveragePool2D(poolSize: 2)
    let conv2 = Conv2D(16, kernelSize: 5, activation: .tanh)
    let pool2 = AveragePool2D(poolSize: 2)
    let flatten = Flatten()
    let dense1 = Dense(120, activation: .tanh)
    let dense2 = Dense(84, activation: .tanh)
    let classifier = Dense(10, activation: .softmax)

    override func call(_ x: Tensor) -> Tensor {
        let features = pool2(conv2(pool1(conv1(x))))
        return classifier(dense2(dense1(flatten(features))))
    }
}

/// Whole convolutional networks: Keras's simple MNIST convnet and LeNet-5.
final class ConvNetTests: XCTestCase {
    /// Keras's "Simple MNIST convnet" example.
    func simpleMNISTConvNet() -> Sequential { Sequential.simpleConvNet() }

    func testSimpleMNISTConvNetHasKerasShapesAndParameterCount() throws {
        let model = simpleMNISTConvNet()
        try model.build(inputShape: [28, 28, 1])
        XCTAssertEqual(model.parameterCount, 34_826)
        XCTAssertEqual(model.layers.map { $0.outputShape! },
                       [[26, 26, 32], [13, 13, 32], [11, 11, 64], [5, 5, 64], [1600], [1600], [10]])
        XCTAssertEqual(model.layers.map(\.name),
                       ["conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "flatten", "dropout", "dense"])
    }

    func testSimpleMNISTConvNetLearnsRandomData() throws {
        Synapse.seed(3)
        let model = simpleMNISTConvNet()
        let x = Tensor.randomUniform([24, 28, 28, 1], seed: 4)
        let y = Tensor.randomUniform([24], lower: 0, upper: 10, seed: 5).mapElements { $0.rounded(.down) }
        model.compile(optimizer: .adam(learningRate: 3e-3), loss: .sparseCategoricalCrossentropy)
        let history = try model.fit(x, y, epochs: 6, batchSize: 12, verbose: .silent)
        let losses = history["loss"]
        XCTAssertLessThan(losses.suffix(2).min()!, losses[0] * 0.9, "\(losses)")
    }

    func testLeNet5BuildsWithKerasShapesAndParameterCount() throws {
        let model = LeNet5()
        try model.build(inputShape: [28, 28, 1])
        XCTAssertEqual(model.parameterCount, 61_706)
        XCTAssertEqual(model.conv1.outputShape, [28, 28, 6])
        XCTAssertEqual(model.pool2.outputShape, [5, 5, 16])
        XCTAssertEqual(model.namedParameters.first?.name, "conv1.kernel")
        let output = model(Tensor.randomUniform([3, 28, 28, 1], seed: 6))
        XCTAssertEqual(output.shape, [3, 10])
        assertClose(output.sum(alongAxis: 1), Tensor.ones([3]), tolerance: 1e-5)
    }

    /// The example is not compiled by the package, so this file tests a copy
    /// of its model: the two class definitions must stay the same text.
    func testLeNet5CopyMatchesTheExample() throws {
        let tests = URL(fileURLWithPath: #filePath)
        let root = tests.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        func modelClass(in url: URL) throws -> Substring {
            let text = try String(contentsOf: url, encoding: .utf8)
            guard let start = text.range(of: "final class LeNet5: Model {"),
                  let end = text.range(of: "\n}\n", range: start.upperBound..<text.endIndex) else {
                XCTFail("no LeNet5 class in \(url.path)")
                return ""
            }
            return text[start.lowerBound..<end.upperBound]
        }
        let example = try modelClass(in: root.appendingPathComponent("Examples/LeNet5/LeNet5.swift"))
        XCTAssertFalse(example.isEmpty)
        XCTAssertEqual(example, try modelClass(in: tests))
    }
}

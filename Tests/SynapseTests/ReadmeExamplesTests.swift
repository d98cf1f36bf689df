import XCTest
import Synapse

/// The README's examples, compiled and run, so the README cannot drift from the API.
final class ReadmeExamplesTests: XCTestCase {
    final class SimpleNeuralNetwork: Model {
        let flatten = Flatten()
        let dense1 = Dense(128, activation: .relu)
        let dense2 = Dense(10, activation: .softmax)

        override func call(_ x: Tensor) -> Tensor {
            dense2(dense1(flatten(x)))
        }
    }

    func testTheArticleProgramTrainsOnTheEmbeddedSample() throws {
        Synapse.seed(0)
        let mnist = try MNIST.embeddedSample()
        let (train, test) = (mnist.splits.train, mnist.splits.test)

        let model = SimpleNeuralNetwork()
        model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        try model.fit(train, epochs: 2, verbose: .silent)
        let result = try model.evaluate(test, verbose: .silent)
        // Keras reaches 0.90–0.91 after two epochs on this sample; chance is 0.1.
        XCTAssertGreaterThan(result.accuracy, 0.85)
    }

    func testTensorsAndGradients() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        let w = Tensor.randomNormal([3, 2], seed: 0).requiringGradient()
        let b = Tensor.zeros([2]).requiringGradient()

        let loss = (x.matmul(w) + b).relu().mean()
        let grads = loss.gradients(wrt: [w, b])
        let check = checkGradients(at: [x]) { inputs in inputs[0].matmul(w).tanh() }
        XCTAssertEqual(grads[0].shape, [3, 2])
        XCTAssertTrue(check.passed)
        // The values, worked out by hand: the mean over 4 outputs passes 1/4
        // to each output where x·w + b > 0, so dL/db is 1/4 per such row and
        // dL/dw[i, j] is Σ over those rows of x[row, i] / 4.
        let rows = [[Float(1), 2, 3], [4, 5, 6]]
        var expectedW = [Float](repeating: 0, count: 6), expectedB: [Float] = [0, 0]
        for row in rows {
            for j in 0..<2 {
                let z = (0..<3).reduce(Float(0)) { $0 + row[$1] * w.scalars[$1 * 2 + j] }
                guard z > 0 else { continue }
                expectedB[j] += 0.25
                for i in 0..<3 { expectedW[i * 2 + j] += row[i] / 4 }
            }
        }
        XCTAssertNotEqual(expectedB, [0, 0], "some outputs pass the ReLU, so the gradient is not trivially zero")
        assertClose(grads[0], Tensor(shape: [3, 2], scalars: expectedW))
        assertClose(grads[1], Tensor(expectedB))
        XCTAssertLessThan(check.maxAbsoluteError, 2e-4)
    }

    func testHandWrittenTrainingLoop() {
        Synapse.seed(3)
        let model = Sequential([Dense(16, activation: .relu), Dense(3)])
        let x = Tensor.randomNormal([64, 4], seed: 1)
        let y = x.slice(alongAxis: 1, 0..<3).argmax(alongAxis: 1)
        let batches = [(x, y)]
        let optimizer = Adam(learningRate: 1e-2)
        var losses: [Float] = []
        for _ in 0..<50 {
            for (x, y) in batches {
                let (loss, gradients) = valueWithGradients(of: model) { model in
                    sparseSoftmaxCrossEntropy(logits: model(x), labels: y)
                }
                optimizer.update(model, with: gradients)
                losses.append(loss.scalar)
            }
        }
        XCTAssertLessThan(losses.last!, losses.first! * 0.5)
    }
}

/// The README's saving section, on a small model and a temporary folder.
final class ReadmeSavingExampleTests: XCTestCase {
    final class SimpleNeuralNetwork: Model {
        let flatten = Flatten()
        let dense1 = Dense(16, activation: .relu)
        let dense2 = Dense(10, activation: .softmax)
        override func call(_ x: Tensor) -> Tensor { dense2(dense1(flatten(x))) }
    }

    func testSaveLoadResumePredictExport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        ModelRegistry.register(SimpleNeuralNetwork.self) { SimpleNeuralNetwork() }
        let train = try MNIST.embeddedSample().splits.test
        let model = SimpleNeuralNetwork()
        model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])

        let checkpoints = folder.appendingPathComponent("run.checkpoint")
        try model.fit(train, epochs: 1, callbacks: [ModelCheckpoint(directory: checkpoints)], verbose: .silent)
        try model.fit(train, epochs: 2, callbacks: [ModelCheckpoint(directory: checkpoints)], verbose: .silent,
                      resumeFrom: checkpoints)
        try model.save(to: folder.appendingPathComponent("mnist.synapse"))
        let restored = try Model.load(from: folder.appendingPathComponent("mnist.synapse"))

        let digit = GreyscaleImage(width: 28, height: 28, pixels: Array(train.images[0 ..< 784]))
        let probabilities = try restored.predict(digit.tensor().reshaped(to: [1, 28, 28]))
        XCTAssertEqual(probabilities, try model.predict(digit.tensor().reshaped(to: [1, 28, 28])))
        try restored.exportONNX(to: folder.appendingPathComponent("mnist.onnx"))
    }
}

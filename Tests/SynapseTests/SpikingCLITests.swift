import Foundation
import XCTest
@testable import Synapse
@testable import SynapseCLI

/// The spiking models through the real `synapse` executable: a saved STDP
/// network evaluates and predicts exactly as it did before saving, and
/// `--model stdp` refuses `--resume` with its reason.
final class SpikingCLITests: XCTestCase {
    /// A small STDP network that has learned from 300 sample images, saved
    /// as `synapse train --model stdp` saves it.
    private func savedSTDPNetwork(in directory: URL) throws -> (model: Sequential, url: URL, test: LabeledImages) {
        Synapse.seed(3)
        let splits = try MNIST.embeddedSample().splits
        let layer = try WinnerTakeAllSTDP(neurons: 20, steps: 10, potentiationRate: 0.03)
        let model = Sequential([Flatten(), layer])
        model.compile(optimizer: SGD(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        try model.build(inputShape: [28, 28])
        let count = 300
        let pixels = splits.train.imageTensor.reshaped(to: [splits.train.count, -1]).slice(alongAxis: 0, 0 ..< count)
        var generator = SeededGenerator(seed: 3)
        layer.learn(pixels, generator: &generator)
        layer.assignLabels(pixels, labels: splits.train.labelTensor.slice(alongAxis: 0, 0 ..< count))
        let url = directory.appendingPathComponent("stdp.synapse")
        try model.save(to: url)
        return (model, url, splits.test)
    }

    func testSavedSTDPNetworkEvaluatesAndPredictsAsBeforeSaving() throws {
        let synapse = try SynapseExecutable(for: self)
        let directory = try makeTemporaryDirectory(self)
        let (model, url, test) = try savedSTDPNetwork(in: directory)
        let expected = try evaluationReport(model, on: test, batchSize: 1000)
        XCTAssertFalse(expected.contains("Accuracy: 0.1000"), "the network learned something: \(expected)")

        let evaluated = try synapse.run(["evaluate", url.path, "--dataset", "mnist-sample"], in: directory)
        XCTAssertEqual(evaluated.status, 0, evaluated.all)
        XCTAssertTrue(evaluated.stdout.contains(expected), "expected\n\(expected)\n\(evaluated.all)")

        let first = Array(test.images.prefix(784))
        let image = directory.appendingPathComponent("digit.pgm")
        try (Data("P5\n28 28\n255\n".utf8) + Data(first)).write(to: image)
        let scores = model.classScores(from: try model.predict(Tensor(shape: [1, 28, 28], scalars: first.map { Float($0) / 255 })))
        let predicted = scores.argmax(alongAxis: 1).scalars[0]
        let predictedLine = try synapse.run(["predict", url.path, image.path], in: directory)
        XCTAssertEqual(predictedLine.status, 0, predictedLine.all)
        XCTAssertTrue(predictedLine.stdout.hasPrefix("\(image.path): \(Int(predicted)) (probability "), predictedLine.all)
    }

    func testSTDPRefusesToResume() throws {
        let synapse = try SynapseExecutable(for: self)
        let (checkpoint, directory) = try makeRecordedCheckpoint(self, recording: ["model": "snn"])
        let result = try synapse.run(["train", "--model", "stdp", "--resume", checkpoint, "--epochs", "2"], in: directory)
        XCTAssertEqual(result.status, 64, "a usage error (EX_USAGE), like every rejected option: \(result.all)")
        XCTAssertTrue(result.stderr.contains("--model stdp cannot --resume '\(checkpoint)': it learns by STDP outside the gradient loop"),
                      result.all)
    }
}

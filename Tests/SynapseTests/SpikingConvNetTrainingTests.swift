import XCTest
@testable import Synapse
@testable import SynapseCLI

/// `synapse train --model scnn` learns: a few steps with the optimiser and
/// loss the CLI picks wake the silent network up (its neurons hardly fire
/// at first, so its first gradients are about 1e-9 per weight) and lower
/// the loss. Under Keras's Adam the loss stayed at ln 10 and the output
/// layer silent. 10 time steps instead of 50 and 16 images keep it fast.
final class SpikingConvNetTrainingTests: XCTestCase {
    func testFewStepsWakeTheNetworkAndLowerTheLoss() throws {
        Synapse.seed(0)
        let images = try MNIST.embeddedSample().splits.train
        let count = 16
        let x = Tensor(shape: [count, 28, 28, 1], scalars: images.images.prefix(count * 784).map { Float($0) / 255 })
        let y = Tensor(images.labels.prefix(count).map(Float.init))
        let model = try Sequential.spikingConvNet(steps: 10)
        let output = try XCTUnwrap(model.layers.compactMap { $0 as? Leaky }.last)
        output.recordsTrace = true
        let rate = try XCTUnwrap(ModelChoice.scnn.defaultLearningRate(with: .adam))
        let optimizer = ModelChoice.scnn.optimizer(.adam, learningRate: Float(rate))
        let loss = ModelChoice.scnn.loss
        var losses: [Float] = []
        for _ in 0..<10 {
            let (value, gradients) = valueWithGradients(of: model) { loss(predictions: $0(x), targets: y) }
            optimizer.update(gradients.parameters, gradients: gradients.tensors)
            losses.append(value.scalar)
        }
        let spikes = try XCTUnwrap(output.lastTrace?.spikes)
        let firingRate = spikes.scalars.reduce(0, +) / Float(spikes.count)
        XCTAssertEqual(losses[0], Float(2.302585), accuracy: 1e-3, "the output layer starts silent")
        XCTAssertLessThan(losses.last!, 2.15, "losses \(losses)")
        XCTAssertGreaterThan(firingRate, 0.05, "the output layer fires after training")
    }

    /// As in PyTorch, kernels and biases are uniform in ±1/√fanIn: ±0.2,
    /// ±1/√300 and ±1/32 for the two convolutions and the dense layer.
    func testWeightsAreDrawnAsPyTorchDrawsThem() throws {
        Synapse.seed(1)
        let model = try Sequential.spikingConvNet()
        let layers: [(kernel: Parameter?, bias: Parameter?)] = model.layers.compactMap { layer in
            (layer as? Conv2D).map { ($0.kernel, $0.bias) } ?? (layer as? Dense).map { ($0.kernel, $0.bias) }
        }
        XCTAssertEqual(layers.count, 3)
        for ((kernel, bias), fanIn) in zip(layers, [25, 300, 1024]) {
            let limit = 1 / Float(fanIn).squareRoot()
            for values in [try XCTUnwrap(kernel).value.scalars, try XCTUnwrap(bias).value.scalars] {
                let largest = values.map(Swift.abs).max() ?? 0
                XCTAssertLessThanOrEqual(largest, limit, "fan-in \(fanIn)")
                XCTAssertGreaterThan(largest, 0.7 * limit, "fan-in \(fanIn): \(values.count) draws spread over ±\(limit)")
            }
        }
    }
}

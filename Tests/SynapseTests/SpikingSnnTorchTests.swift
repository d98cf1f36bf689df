import Foundation
import XCTest
@testable import Synapse

/// A two-layer spiking network over 10 steps against snnTorch: the hidden
/// spikes, the output membrane, the loss and the weights' gradients
/// (Fixtures/spiking/make_snntorch_fixture.py).
final class SpikingSnnTorchTests: XCTestCase {
    struct Document: Decodable {
        struct Case: Decodable {
            let name: String, reset: String, loss: Float
            let grad_w1: [Float], grad_b1: [Float], grad_w2: [Float], grad_b2: [Float]
            let hidden_spikes: [Float], output_membrane: [Float]
        }
        let steps: Int, beta: Float
        let x: [Float], w1: [Float], b1: [Float], w2: [Float], b2: [Float], labels: [Float]
        let cases: [Case]
    }

    func testTwoLayerNetworkMatchesSnnTorch() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "snntorch_two_layer", withExtension: "json",
                                                  subdirectory: "Fixtures/spiking"))
        let document = try JSONDecoder().decode(Document.self, from: Data(contentsOf: url))
        XCTAssertEqual(document.cases.count, 3)
        for reference in document.cases {
            let surrogate: Surrogate = reference.name == "arctan" ? .arctan : .fastSigmoid
            let reset = try XCTUnwrap(NeuronReset(rawValue: reference.reset))
            let steps = document.steps
            let hidden = try Leaky(beta: document.beta, reset: reset, surrogate: surrogate, steps: steps)
            hidden.recordsTrace = true
            let output = try Leaky(beta: document.beta, reset: reset, surrogate: surrogate, output: .membrane, steps: steps)
            let weights = [Tensor(shape: [4, 5], scalars: document.w1), Tensor(document.b1),
                           Tensor(shape: [5, 3], scalars: document.w2), Tensor(document.b2)].map { $0.requiringGradient() }
            let x = Tensor(shape: [3, 4], scalars: document.x)
            let currents = try RepeatSteps(steps)(Tensor.linear(x, weight: weights[0], bias: weights[1]))
            let membrane = output(Tensor.linear(hidden(currents), weight: weights[2], bias: weights[3]))
            let predictions = try TimeReadout(steps: steps)(membrane)
            let loss = StepwiseCrossEntropy()(predictions: predictions, targets: Tensor(document.labels))
            let what = "\(reference.name), reset \(reference.reset)"
            XCTAssertEqual(hidden.lastTrace?.spikes.scalars, reference.hidden_spikes, what)
            assertClose(membrane, Tensor(shape: [steps * 3, 3], scalars: reference.output_membrane), tolerance: 1e-5, what)
            XCTAssertEqual(loss.scalar, reference.loss, accuracy: 1e-4 * reference.loss, what)
            let gradients = loss.gradients(wrt: weights)
            let expected = [reference.grad_w1, reference.grad_b1, reference.grad_w2, reference.grad_b2]
            for (gradient, values) in zip(gradients, expected) {
                assertClose(gradient, Tensor(shape: gradient.shape, scalars: values), tolerance: 1e-4, what)
            }
        }
    }
}

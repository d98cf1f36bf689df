import XCTest
@testable import Synapse

/// Finite-difference checks of the spiking operations in the
/// surrogate-smoothed network: each spike is the smooth function whose
/// derivative the surrogate is, so finite differences and backpropagation
/// through time must agree. The reset stays the detached Heaviside, so
/// every case first checks that no membrane passes near the threshold
/// (where a finite step would flip a reset).
final class SpikingGradientTests: XCTestCase, GradientChecked {
    static var gradientCases: [GradientCase] {
        leakyCases + [twoLayerNetworkCase, exponentialFilterCase, repeatStepsCase, recurrentCase]
    }

    func testGradientCases() { Self.gradientCases.assertAllPass() }

    /// A fast sigmoid of slope 5: the smoothed spike of slope 25 curves so
    /// sharply that central differences need steps too small for floats.
    static let gentle = try! Surrogate.fastSigmoid(slope: 5)

    /// The surrogate-smoothed version of `surrogate`.
    static func smoothed(_ surrogate: Surrogate) -> Surrogate {
        var smooth = surrogate
        smooth.smoothForward = true
        return smooth
    }

    /// Currents `[6, 2, 3]` that cross the threshold a few times, and a
    /// per-neuron β and θ.
    static let currents = randomTensor([6, 2, 3], seed: 282, lower: -0.3, upper: 0.9)
    static let beta = randomTensor([3], seed: 132, lower: 0.5, upper: 0.9)
    static let threshold = randomTensor([3], seed: 133, lower: 0.8, upper: 1.1)

    static var leakyCases: [GradientCase] {
        var cases: [GradientCase] = []
        let surrogates: [Surrogate] = [try! .fastSigmoid(slope: 5), .arctan, try! .sigmoid(slope: 4), .straightThrough]
        for surrogate in surrogates {
            for reset in NeuronReset.allCases {
                for spikes in [true, false] {
                    cases.append(GradientCase(at: [currents, beta, threshold]) { inputs in
                        let run = LeakyIntegration(currents: inputs[0], steps: 6, beta: inputs[1], threshold: inputs[2],
                                                   reset: reset, surrogate: smoothed(surrogate))
                        return (spikes ? run.spikes : run.membrane) * randomTensor([6, 2, 3], seed: 134)
                    })
                }
            }
        }
        // A layer-wide β and θ, and a starting membrane.
        cases.append(GradientCase(at: [currents, Tensor(0.8), Tensor(1), randomTensor([2, 3], seed: 135, lower: 0, upper: 0.5)]) { inputs in
            let run = LeakyIntegration(currents: inputs[0], steps: 6, beta: inputs[1], threshold: inputs[2],
                                       reset: .subtract, surrogate: smoothed(gentle), initial: inputs[3])
            return run.spikes.sum() + run.membrane.squared().sum()
        })
        return cases
    }

    /// Issue 13's check: a two-layer spiking network over 10 steps (Dense,
    /// Leaky, Dense, Leaky on the membrane, Σₜ cross-entropy), differentiated
    /// in its inputs and both weights.
    static var twoLayerNetworkCase: GradientCase {
        let x = randomTensor([3, 4], seed: 351, lower: 0, upper: 1)
        let w1 = randomTensor([4, 5], seed: 142, lower: -0.3, upper: 0.6)
        let w2 = randomTensor([5, 3], seed: 143, lower: -1, upper: 1.5)
        // A smaller step: a step of 1e-2 in a weight moves a membrane by up to
        // ~0.06 over 10 steps, the margin to the threshold; the looser
        // absolute tolerance covers float rounding in a loss near 20.
        return GradientCase(at: [x, w1, w2], epsilon: 2e-3, absoluteTolerance: 1e-3) { inputs in
            twoLayerLoss(inputs[0], inputs[1], inputs[2]).loss
        }
    }

    /// The network's loss and both layers' membranes.
    static func twoLayerLoss(_ x: Tensor, _ w1: Tensor, _ w2: Tensor) -> (loss: Tensor, membranes: [Tensor]) {
        let first = LeakyIntegration(currents: try! RepeatSteps(10)(x.matmul(w1)), steps: 10, beta: Tensor(0.9),
                                     threshold: Tensor(1), reset: .subtract, surrogate: smoothed(gentle))
        let second = LeakyIntegration(currents: first.spikes.matmul(w2), steps: 10, beta: Tensor(0.9),
                                      threshold: Tensor(1), reset: .subtract, surrogate: smoothed(gentle))
        let loss = StepwiseCrossEntropy()(predictions: try! TimeReadout(steps: 10)(second.membrane), targets: Tensor([0, 2, 1]))
        return (loss, [first.membrane, second.membrane])
    }

    static var exponentialFilterCase: GradientCase {
        GradientCase(at: [randomTensor([5, 2, 2], seed: 151)]) { inputs in
            inputs[0].exponentiallyFiltered(decay: 0.7, steps: 5) * randomTensor([5, 2, 2], seed: 152)
        }
    }

    static var repeatStepsCase: GradientCase {
        GradientCase(at: [randomTensor([2, 3], seed: 161)]) { inputs in
            try! RepeatSteps(4)(inputs[0]) * randomTensor([8, 3], seed: 162)
        }
    }

    /// A recurrent layer (its feedback runs through the starting-membrane input of each step).
    static var recurrentCase: GradientCase {
        let layer = try! RecurrentLeaky(beta: 0.8, surrogate: smoothed(gentle), output: .membrane)
        let input = randomTensor([4, 2, 3], seed: 171, lower: -0.2, upper: 0.5)
        _ = layer(input)
        return GradientCase(at: [input, randomTensor([3, 3], seed: 172, lower: -0.5, upper: 0.5)]) { inputs in
            let trace = layer.simulate(inputs[0], kernel: inputs[1], bias: layer.recurrentBias!.value, steps: 4)
            return trace.membrane.squared().sum()
        }
    }

    /// Every membrane in the checks stays away from the thresholds, so no
    /// finite step flips a reset.
    func testCheckedMembranesStayAwayFromThreshold() {
        let net = Self.twoLayerLoss(randomTensor([3, 4], seed: 351, lower: 0, upper: 1),
                                    randomTensor([4, 5], seed: 142, lower: -0.3, upper: 0.6),
                                    randomTensor([5, 3], seed: 143, lower: -1, upper: 1.5))
        for membrane in net.membranes {
            XCTAssertGreaterThan(membrane.scalars.map { abs($0 - 1) }.min()!, 0.07)
        }
        XCTAssertTrue(net.membranes[0].scalars.contains { $0 > 1 }, "the hidden layer should spike")
        for reset in NeuronReset.allCases {
            let run = LeakyIntegration(currents: Self.currents, steps: 6, beta: Self.beta, threshold: Self.threshold,
                                       reset: reset, surrogate: .fastSigmoid)
            let u = run.membrane.scalars, theta = Self.threshold.scalars
            XCTAssertGreaterThan(u.indices.map { abs(u[$0] - theta[$0 % 3]) }.min()!, 0.13)
            XCTAssertTrue(run.spikes.scalars.contains(1))
        }
    }
}

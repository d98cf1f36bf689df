import XCTest
@testable import Synapse

/// The neurons' dynamics against snnTorch's exact values (issue 13), the
/// surrogates' values, and the errors for bad arguments.
final class SpikingNeuronTests: XCTestCase {
    /// β = 0.8, θ = 1: input 0 for 10 steps, then 0.21 for 190.
    private func drive(reset: NeuronReset) throws -> (membrane: [Float], spikeTimes: [Int]) {
        let currents = Tensor(shape: [200, 1, 1], scalars: (0..<200).map { $0 < 10 ? 0 : 0.21 })
        let trace = try Leaky(beta: 0.8, threshold: 1, reset: reset).simulate(currents)
        let spikes = trace.spikes.scalars
        return (trace.membrane.scalars, spikes.indices.filter { spikes[$0] == 1 })
    }

    func testLeakyWithResetBySubtractionMatchesSnnTorch() throws {
        let (u, spikeTimes) = try drive(reset: .subtract)
        let expected: [Float] = [0.21, 0.378, 0.5124, 0.61992, 0.705936, 0.774749, 0.829799, 0.873839,
                                 0.909071, 0.937257, 0.959806, 0.977845, 0.992276, 1.003821]
        XCTAssertEqual(Array(u[0..<10]), Array(repeating: 0, count: 10))
        for (offset, value) in expected.enumerated() { XCTAssertEqual(u[10 + offset], value, accuracy: 2e-6, "U[\(10 + offset)]") }
        XCTAssertEqual(spikeTimes.first, 23)
        XCTAssertEqual(u[24], 0.013056, accuracy: 2e-6)
        XCTAssertEqual(Array(spikeTimes.prefix(6)), [23, 38, 53, 68, 83, 98])
        XCTAssertEqual(spikeTimes.count, 12)
        XCTAssertEqual(u[199], 0.93871, accuracy: 1e-5)
    }

    func testLeakyWithResetToZeroMatchesSnnTorch() throws {
        let (u, spikeTimes) = try drive(reset: .zero)
        XCTAssertEqual(u[23], 1.003821, accuracy: 2e-6)
        XCTAssertEqual(u[24], 0.21, accuracy: 1e-6)
        XCTAssertEqual(Array(spikeTimes.prefix(3)), [23, 37, 51])
        XCTAssertEqual(spikeTimes.count, 13)
        XCTAssertEqual(u[199], 0.873839, accuracy: 1e-5)
    }

    func testSurrogateValues() throws {
        XCTAssertEqual(Surrogate.fastSigmoid.derivative(at: 0.1), 0.0816327, accuracy: 1e-7)
        XCTAssertEqual(Surrogate.arctan.derivative(at: 0.1), 0.9101698, accuracy: 1e-6)
        XCTAssertEqual(try Surrogate.fastSigmoid(slope: 10).derivative(at: -0.1), 0.25, accuracy: 1e-7)
        XCTAssertEqual(Surrogate.sigmoid.derivative(at: 0), 25.0 / 4, accuracy: 1e-6)
        XCTAssertEqual(Surrogate.straightThrough.derivative(at: 3), 1)
        XCTAssertEqual(Surrogate.custom(name: "box") { abs($0) < 0.5 ? 1 : 0 }.derivative(at: 0.1), 1)
    }

    /// The spike is strict: U exactly at θ does not fire.
    func testSpikeNeedsMembraneAboveThreshold() throws {
        let trace = try Leaky(beta: 0.5).simulate(Tensor(shape: [2, 1, 1], scalars: [1, 2]))
        XCTAssertEqual(trace.spikes.scalars, [0, 1])
    }

    func testLapicqueIsLeakyWithRCDecay() throws {
        let neuron = try Leaky.lapicque(resistance: 5, capacitance: 2, timeStep: 1)
        XCTAssertEqual(neuron.initialBeta, 0.9, accuracy: 1e-7)
        let trace = try neuron.simulate(Tensor(shape: [2, 1, 1], scalars: [1, 1]))
        XCTAssertEqual(trace.membrane.scalars[0], 0.5, accuracy: 1e-7)
        XCTAssertEqual(trace.membrane.scalars[1], 0.9 * 0.5 + 0.5, accuracy: 1e-6)
    }

    func testBadInputThrowsClearErrors() throws {
        XCTAssertThrowsError(try Leaky(beta: 1.2)) { XCTAssertEqual($0 as? SpikingError, .decayOutOfRange(layer: "Leaky", name: "beta", value: 1.2)) }
        XCTAssertThrowsError(try Leaky(beta: -0.1))
        XCTAssertThrowsError(try Surrogate.fastSigmoid(slope: 0)) { XCTAssertEqual($0 as? SpikingError, .nonPositiveSlope(surrogate: "fast_sigmoid", value: 0)) }
        XCTAssertThrowsError(try Surrogate.arctan(alpha: -1))
        XCTAssertThrowsError(try Leaky(beta: 0.9).simulate(Tensor([1, 2, 3]))) { error in
            XCTAssertTrue("\(error)".contains("no time axis"), "\(error)")
        }
        XCTAssertThrowsError(try Leaky(beta: 0.9).simulate(Tensor.zeros([0, 2, 3]))) { error in
            XCTAssertTrue("\(error)".contains("0 time steps"), "\(error)")
        }
        XCTAssertThrowsError(try RepeatSteps(0))
        XCTAssertThrowsError(try Leaky(beta: 0.9, steps: 0))
        XCTAssertThrowsError(try Leaky(beta: 0.9, steps: 3).simulate(Tensor.zeros([4, 2]))) { error in
            XCTAssertTrue("\(error)".contains("not a multiple"), "\(error)")
        }
    }
}

/// The spike encoders.
final class SpikingEncodingTests: XCTestCase {
    func testRateCodingFiresInProportion() throws {
        let spikes = try SpikeEncoding.rate(Tensor([0, 0.5, 1]), steps: 2000, seed: 1)
        XCTAssertEqual(spikes.shape, [2000, 3])
        let counts = spikes.sum(alongAxis: 0).scalars
        XCTAssertEqual(counts[0], 0)
        XCTAssertEqual(counts[1] / 2000, 0.5, accuracy: 0.04)
        XCTAssertEqual(counts[2], 2000)
        XCTAssertThrowsError(try SpikeEncoding.rate(Tensor([1]), steps: 0))
    }

    func testLatencyCodingFiresOnceLargerSooner() throws {
        let spikes = try SpikeEncoding.latency(Tensor([1, 0.5, 0.1, 0]), steps: 10, tau: 5, threshold: 0.05)
        let times = (0..<4).map { k in (0..<10).first { spikes[$0, k] == 1 } }
        XCTAssertEqual(times[0], 0)                                   // 5·ln(1/0.95) = 0.26
        XCTAssertEqual(times[1], 1)                                   // 5·ln(0.5/0.45) = 0.53
        XCTAssertEqual(times[2], 3)                                   // 5·ln(0.1/0.05) = 3.47
        XCTAssertNil(times[3])
        XCTAssertEqual(spikes.sum().scalar, 3)
    }

    func testDeltaModulationMarksChanges() throws {
        let spikes = try SpikeEncoding.delta(Tensor(shape: [4, 1], scalars: [0.5, 0.55, 0.2, 0.9]), threshold: 0.1, offSpikes: true)
        XCTAssertEqual(spikes.scalars, [1, 0, -1, 1])
    }
}

import Foundation
import XCTest
@testable import Synapse

/// DP-SGD: clipping bounds, the noiseless step, the noise's spread, the
/// settings' errors, and private `fit` end to end.
final class PrivacyDPSGDTests: XCTestCase {
    func batch(seed: UInt64 = 3) -> (model: Sequential, x: Tensor, y: Tensor) {
        Synapse.seed(seed)
        let model = Sequential([Dense(8, activation: .relu), Dense(3)])
        try! model.build(inputShape: [5])
        let x = Tensor.randomNormal([6, 5], standardDeviation: 3, seed: seed + 1)
        let y = Tensor(shape: [6], scalars: [0, 1, 2, 0, 1, 2])
        return (model, x, y)
    }

    let loss = SparseCategoricalCrossentropy(fromLogits: true)

    func testClippedNormsAreAtMostC() throws {
        let (model, x, y) = batch()
        let pass = try model.perExampleBackward(inputs: x, targets: y, loss: loss)
        let perExample = pass.perExampleGradients()
        let layerOf = pass.parameterCountsPerLayer.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
        for (clipping, bound) in [(PrivacyClipping.flat, 0.1), (.perLayer, 0.1 / 2.0.squareRoot())] {
            let factors = clipping.factors(squaredNorms: pass.squaredNormsPerLayer(), maxGradNorm: 0.1)
            for example in 0 ..< x.shape[0] {
                var layerNorms = [Double](repeating: 0, count: factors.count)
                for (parameter, gradient) in perExample.enumerated() {
                    let size = gradient.count / x.shape[0]
                    let factor = Double(factors[layerOf[parameter]][example])
                    for value in gradient.scalars[example * size ..< (example + 1) * size] {
                        layerNorms[layerOf[parameter]] += (factor * Double(value)) * (factor * Double(value))
                    }
                }
                switch clipping {
                case .flat: XCTAssertLessThanOrEqual(layerNorms.reduce(0, +).squareRoot(), bound)
                case .perLayer: for norm in layerNorms { XCTAssertLessThanOrEqual(norm.squareRoot(), bound) }
                }
            }
            XCTAssertTrue(factors.joined().contains { $0 < 1 }, "C = 0.1 should clip")
        }
    }

    func testClippingFactorsLeaveSmallGradientsAlone() {
        // Two layers; example 0's whole norm is 0.5, example 1's is 5 (3 and 4 per layer).
        let factors = PrivacyClipping.flat.factors(squaredNorms: [[0.09, 9], [0.16, 16]], maxGradNorm: 1)
        XCTAssertEqual(factors[0][0], 1)
        XCTAssertEqual(factors[1][1], Float(1 / (5 + 1e-6)), accuracy: 1e-7)
        let perLayer = PrivacyClipping.perLayer.factors(squaredNorms: [[0.09, 9], [0.16, 16]], maxGradNorm: 1)
        XCTAssertEqual(perLayer[0][0], 1)
        XCTAssertEqual(perLayer[1][1], Float((1 / 2.0.squareRoot()) / (4 + 1e-6)), accuracy: 1e-7)
    }

    /// σ = 0: the update is the plain SGD step on the mean of the clipped
    /// per-example gradients, computed here independently in Double.
    func testZeroNoiseIsTheClippedMeanStep() throws {
        let (model, x, y) = batch()
        let pass = try model.perExampleBackward(inputs: x, targets: y, loss: loss)
        let perExample = pass.perExampleGradients()
        let batchSize = x.shape[0], maxNorm = 0.5
        var expected: [[Double]] = pass.parameters.map { $0.value.scalars.map(Double.init) }
        for example in 0 ..< batchSize {
            var squared = 0.0
            for gradient in perExample {
                let size = gradient.count / batchSize
                for value in gradient.scalars[example * size ..< (example + 1) * size] { squared += Double(value) * Double(value) }
            }
            let factor = min(1, maxNorm / (squared.squareRoot() + 1e-6))
            for (index, gradient) in perExample.enumerated() {
                let size = gradient.count / batchSize
                for element in 0 ..< size {
                    expected[index][element] -= 0.1 * factor * Double(gradient.scalars[example * size + element]) / Double(batchSize)
                }
            }
        }
        let optimizer = DPOptimizer(SGD(learningRate: 0.1), allowingZeroNoise: 0, maxGradNorm: maxNorm, clipping: .flat,
                                    noise: .seededNotSecure(1))
        optimizer.step(pass, expectedBatchSize: Double(batchSize), sampleRate: 0.1)
        for (parameter, values) in zip(pass.parameters, expected) {
            for (got, want) in zip(parameter.value.scalars, values) { XCTAssertEqual(Double(got), want, accuracy: 1e-6) }
        }
    }

    /// A private step writes into the weights' own buffers: the pass keeps
    /// no graph (which would hold the weights and force a copy of each).
    func testPrivateStepUpdatesTheWeightsInPlace() throws {
        let (model, x, y) = batch()
        let pass = try model.perExampleBackward(inputs: x, targets: y, loss: loss)
        // The second layer's kernel: the first layer's output, kept by the
        // pass, fed it.
        weak let kernel = pass.parameters[2].value.storage
        let optimizer = try DPOptimizer(Adam(), noiseMultiplier: 1, maxGradNorm: 1, noise: .seededNotSecure(2))
        optimizer.step(pass, expectedBatchSize: 6, sampleRate: 0.1)
        XCTAssertTrue(kernel === pass.parameters[2].value.storage, "the kernel was copied")
    }

    /// The noise added to a zero gradient, over 10⁶ draws: mean 0 and
    /// standard deviation σC / (expected batch size), within 2%.
    func testNoiseStandardDeviation() throws {
        for source in [NoiseSource.secure, .seededNotSecure(9)] {
            let parameter = Parameter(Tensor.zeros([1_000_000]))
            let optimizer = try DPOptimizer(SGD(learningRate: 1), noiseMultiplier: 1.1, maxGradNorm: 2, noise: source)
            optimizer.stepWithEmptyBatch(parameters: [parameter], expectedBatchSize: 4, sampleRate: 0.01)
            let values = parameter.value.scalars.map(Double.init)
            let mean = values.reduce(0, +) / Double(values.count)
            let deviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
            XCTAssertEqual(deviation, 1.1 * 2 / 4, accuracy: 0.02 * 1.1 * 2 / 4, "\(source)")
            XCTAssertEqual(mean, 0, accuracy: 0.01, "\(source)")
            XCTAssertEqual(optimizer.accountant.history.first?.count, 1)
        }
    }

    func testSeededNoiseRepeatsAndSecureNoiseDoesNot() {
        func draw(_ source: NoiseSource) -> [Float] {
            var values = Tensor.zeros([8])
            let random = source.makeGenerator()
            values.withUnsafeMutableBufferPointer { random.addGaussian(to: $0, standardDeviation: 1) }
            return values.scalars
        }
        XCTAssertEqual(draw(.seededNotSecure(4)), draw(.seededNotSecure(4)))
        XCTAssertNotEqual(draw(.secure), draw(.secure))
    }

    func testPoissonBatchesHaveTheSampleRate() {
        let sampler = PrivateBatchSampler(sampling: .poisson, examples: 10_000, batchSize: 100,
                                          random: NoiseSource.seededNotSecure(5).makeGenerator())
        let sizes = sampler.epoch().map(\.count)
        XCTAssertEqual(sizes.count, 100)
        XCTAssertEqual(Double(sizes.reduce(0, +)) / 100, 100, accuracy: 3)
        XCTAssertGreaterThan(Set(sizes).count, 5, "Poisson batch sizes vary")
        let shuffled = PrivateBatchSampler(sampling: .shuffled, examples: 10, batchSize: 4,
                                           random: NoiseSource.seededNotSecure(5).makeGenerator()).epoch()
        XCTAssertEqual(shuffled.map(\.count), [4, 4, 2])
        XCTAssertEqual(Set(shuffled.joined()), Set(0 ..< 10))
    }

    func testBadSettingsEachGetOneClearError() {
        let noisy = { (settings: PrivacySettings) in
            try settings.resolvedNoiseMultiplier(examples: 1000, sampleRate: 0.01, steps: 100)
        }
        XCTAssertThrowsError(try noisy(.init(noiseMultiplier: 0, maxGradNorm: 1))) {
            XCTAssertEqual($0 as? PrivacyError, .nonPositiveNoiseMultiplier(0))
        }
        XCTAssertThrowsError(try noisy(.init(noiseMultiplier: 1, maxGradNorm: -1))) {
            XCTAssertEqual($0 as? PrivacyError, .nonPositiveClipNorm(-1))
        }
        XCTAssertThrowsError(try noisy(.init(noiseMultiplier: 1, maxGradNorm: 1, delta: 1e-3))) {
            XCTAssertEqual($0 as? PrivacyError, .deltaTooLarge(delta: 1e-3, examples: 1000))
            XCTAssertTrue("\($0)".contains("1e-05") || "\($0)".contains("1e-5"), "\($0)")
        }
        XCTAssertThrowsError(try noisy(.init(targetEpsilon: 0.001, maxGradNorm: 1))) {
            guard case PrivacyError.unreachableEpsilon = $0 else { return XCTFail("got \($0)") }
        }
        XCTAssertThrowsError(try DPOptimizer(SGD(), noiseMultiplier: -1, maxGradNorm: 1))
        XCTAssertThrowsError(try DPOptimizer(SGD(), noiseMultiplier: 1, maxGradNorm: 0))
    }

    /// A private fit learns a separable problem, reports ε every epoch, and
    /// saves the guarantee with the model.
    func testPrivateFitRecordsEpsilonInHistoryAndMetadata() throws {
        Synapse.seed(11)
        let x = Tensor.randomNormal([400, 4], seed: 12)
        let labels = (0 ..< 400).map { Float(x.scalars[$0 * 4] > 0 ? 1 : 0) }
        let y = Tensor(shape: [400], scalars: labels)
        let model = Sequential([Dense(8, activation: .relu), Dense(2)])
        model.compile(optimizer: SGD(learningRate: 0.5), loss: loss, metrics: [.accuracy],
                      privacy: .init(noiseMultiplier: 1.0, maxGradNorm: 1, delta: 1e-3, noiseSource: .seededNotSecure(3)))
        let history = try model.fit(x, y, epochs: 3, batchSize: 40, verbose: .silent)
        let epsilons = history["epsilon"]
        XCTAssertEqual(epsilons.count, 3)
        XCTAssertTrue(zip(epsilons, epsilons.dropFirst()).allSatisfy { $0 < $1 }, "ε grows: \(epsilons)")
        var accountant = RDPAccountant()
        accountant.record(noiseMultiplier: 1, sampleRate: 0.1, steps: 30)
        XCTAssertEqual(epsilons[2], accountant.epsilon(delta: 1e-3), accuracy: 1e-12)
        XCTAssertGreaterThan(history["accuracy"].last ?? 0, 0.8)
        let record = try XCTUnwrap(model.metadata.privacy)
        XCTAssertEqual(record.steps, 30)
        XCTAssertEqual(record.sampleRate, 0.1)
        XCTAssertEqual(record.epsilon, epsilons[2])
        let directory = try makeTemporaryDirectory(self).appendingPathComponent("model")
        try model.save(to: directory)
        XCTAssertEqual(try Model.load(from: directory).metadata.privacy, record)
    }

    /// With the PLD accountant, ε in the History and the metadata is the PLD's.
    func testPrivateFitWithThePLDAccountant() throws {
        let x = Tensor.randomNormal([200, 4], seed: 5)
        let y = Tensor(shape: [200], scalars: (0 ..< 200).map { Float($0 % 2) })
        let model = Sequential([Dense(2)])
        model.compile(optimizer: SGD(learningRate: 0.1), loss: loss,
                      privacy: .init(noiseMultiplier: 1.0, maxGradNorm: 1, delta: 1e-3, noiseSource: .seededNotSecure(3),
                                     accountant: .pld))
        let history = try model.fit(x, y, epochs: 2, batchSize: 20, verbose: .silent)
        var accountant = PLDAccountant()
        accountant.record(noiseMultiplier: 1, sampleRate: 0.1, steps: 20)
        let epsilon = try XCTUnwrap(history["epsilon"].last)
        XCTAssertEqual(epsilon, accountant.epsilon(delta: 1e-3), accuracy: 1e-12)
        XCTAssertEqual(model.metadata.privacy?.accountant, "pld")
        var rdp = RDPAccountant()
        rdp.record(noiseMultiplier: 1, sampleRate: 0.1, steps: 20)
        XCTAssertLessThan(epsilon, rdp.epsilon(delta: 1e-3))
    }

    func testPrivateFitRefusesBatchNormalization() {
        let model = Sequential([Dense(4), BatchNormalization(), Dense(2)])
        model.compile(optimizer: SGD(), loss: loss, privacy: .init(noiseMultiplier: 1, maxGradNorm: 1, delta: 1e-4))
        XCTAssertThrowsError(try model.fit(Tensor.zeros([20, 3]), Tensor.zeros([20]), batchSize: 5, verbose: .silent)) {
            XCTAssertEqual($0 as? PrivacyError, .mixesExamples(layer: model.layers[1].name))
        }
    }
}

/// The README's private-training lines, run on the embedded MNIST sample.
final class PrivacyReadmeTests: XCTestCase {
    func testReadmePrivateTraining() throws {
        Synapse.seed(0)
        let train = try MNIST.embeddedSample().splits.train
        let model = Sequential([Flatten(), Dense(128, activation: .relu), Dense(10, activation: .softmax)])
        model.compile(optimizer: SGD(learningRate: 0.5), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy],
                      privacy: .init(targetEpsilon: 3, delta: 1e-5, maxGradNorm: 1))
        let history = try model.fit(train, epochs: 2, batchSize: 256, verbose: .silent)
        let epsilon = try XCTUnwrap(history["epsilon"].last)
        XCTAssertLessThanOrEqual(epsilon, 3)
        XCTAssertGreaterThan(epsilon, 2.9, "the search finds the σ that spends nearly all of the target")
        XCTAssertGreaterThan(history["accuracy"].last ?? 0, 0.4, "chance is 0.1")
    }
}

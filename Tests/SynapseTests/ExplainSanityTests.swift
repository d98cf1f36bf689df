import XCTest
@testable import Synapse

/// The checks of whether an explanation can be trusted: Captum's infidelity
/// and sensitivity on stored perturbations, rank correlation and SSIM, the
/// model-randomization check and deletion/insertion.
final class ExplainSanityTests: XCTestCase {
    private func fixture() throws -> ExplainFixtureDocument {
        try XCTUnwrap(ExplainFixtureDocument.shared, "Fixtures/explain/captum_fixtures.json is missing or unreadable")
    }

    /// Splits `[samples, N, …]` into one tensor per sample.
    private func samples(_ values: ExplainFixtureDocument.Values) -> [Tensor] {
        let all = values.tensor
        return (0..<all.shape[0]).map { all[$0..<($0 + 1)].reshaped(to: Array(all.shape.dropFirst())) }
    }

    func testInfidelityMatchesCaptum() throws {
        let document = try fixture()
        let record = try XCTUnwrap(document.models["mlp"])
        let score = ClassScore(model: try document.model("mlp"))
        let inputs = record.inputs.tensor
        let saliency = try Saliency(absolute: false).attributions(for: inputs, classes: record.targets, score: score)
        let perturbations = samples(document.metrics.perturbations)
        for (normalize, expected) in [(false, document.metrics.infidelity), (true, document.metrics.infidelity_normalized)] {
            let values = try AttributionMetrics.infidelity(attributions: saliency, inputs: inputs, classes: record.targets,
                                                           score: score, perturbations: perturbations, normalize: normalize)
            for (value, reference) in zip(values, expected) {
                XCTAssertEqual(value, reference, accuracy: 1e-3 * reference, "normalize \(normalize)")
            }
        }
    }

    func testSensitivityMatchesCaptum() throws {
        let document = try fixture()
        let record = try XCTUnwrap(document.models["mlp"])
        let score = ClassScore(model: try document.model("mlp"))
        let values = try AttributionMetrics.sensitivityMax(Saliency(absolute: false), inputs: record.inputs.tensor,
                                                           classes: record.targets, score: score,
                                                           perturbations: samples(document.metrics.sensitivity_noise))
        for (value, reference) in zip(values, document.metrics.sensitivity) {
            XCTAssertEqual(value, reference, accuracy: 1e-4 * max(reference, 1e-3))
        }
        // A linear model's gradient does not move at all.
        let linear = Sequential([Flatten(), Dense(2)])
        let inputs = Tensor.randomUniform([2, 3, 3], seed: 1)
        let still = try AttributionMetrics.sensitivityMax(Saliency(), inputs: inputs, classes: [0, 1],
                                                          score: ClassScore(model: linear),
                                                          perturbations: AttributionMetrics.uniformPerturbations(like: inputs))
        XCTAssertEqual(still, [0, 0])
    }

    func testRankCorrelationAndSSIM() {
        XCTAssertEqual(spearmanCorrelation([1, 2, 3, 4], [10, 20, 30, 1000]), 1, accuracy: 1e-6)
        XCTAssertEqual(spearmanCorrelation([1, 2, 3, 4], [4, 3, 2, 1]), -1, accuracy: 1e-6)
        // Ties share their mean rank: ranks (0, 1.5, 1.5, 3) against (0, 1, 2, 3)
        // give 4.5 / √(4.5 · 5) (giving both the first rank would give 0.923).
        XCTAssertEqual(spearmanCorrelation([1, 2, 2, 3], [1, 2, 3, 4]), Float(0.9486833), accuracy: 1e-6)
        let map = (0..<64).map { Float(($0 * 37) % 64) / 63 }
        XCTAssertEqual(structuralSimilarity(map, map, height: 8, width: 8), 1, accuracy: 1e-6)
        XCTAssertLessThan(structuralSimilarity(map, map.map { 1 - $0 }, height: 8, width: 8), 0)
        // Constant maps of 0 and 1: SSIM = c₁ / (1 + c₁) with c₁ = 0.01².
        let ones = [Float](repeating: 1, count: 49), zeros = [Float](repeating: 0, count: 49)
        XCTAssertEqual(structuralSimilarity(ones, zeros, height: 7, width: 7), Float(1e-4 / (1 + 1e-4)), accuracy: 1e-7)
    }

    func testModelRandomizationChangesGradientMapsAndRestoresTheWeights() throws {
        Synapse.seed(0)
        let data = try MNIST.embeddedSample().splits
        let model = Sequential([Flatten(), Dense(64, activation: .relu), Dense(10, activation: .softmax)])
        model.compile(optimizer: Adam(), loss: .sparseCategoricalCrossentropy)
        try model.fit(data.train, epochs: 1, verbose: .silent)
        let inputs = data.test.imageTensor[0..<4]
        let score = ClassScore(model: model)
        let classes = try score.resolve(.predicted, for: inputs)
        let before = model.parameters.map(\.value)
        // Gradient × input keeps the input's shape whatever the weights: the
        // method the check is designed to catch. Saliency must change.
        let reports = try ModelRandomizationCheck().run([Saliency(), GradientTimesInput()], inputs: inputs,
                                                        classes: classes, score: score)
        XCTAssertEqual(reports.map { $0.steps.map(\.layer) }, [["dense_1", "dense"], ["dense_1", "dense"]])
        XCTAssertFalse(reports[0].isFlagged, "\(reports[0])")
        XCTAssertLessThan(reports[0].steps.last!.spearman, 0.5)
        XCTAssertGreaterThan(reports[1].steps.last!.spearman, reports[0].steps.last!.spearman)
        for (parameter, value) in zip(model.parameters, before) { XCTAssertEqual(parameter.value, value) }
    }

    func testDeletionFollowsTheAttributionOrder() throws {
        // A model whose class-1 logit is the sum of the pixels weighted by w:
        // deleting by gradient × input removes the largest contributions first.
        let model = Sequential([Flatten(), Dense(2)])
        let inputs = Tensor.randomUniform([2, 6, 6], seed: 7)
        try model.buildIfNeeded(inputShape: [6, 6])
        model.parameters[0].value = Tensor(shape: [36, 2], scalars: (0..<72).map { $0 % 2 == 1 ? Float($0 % 7) : 0 })
        let score = ClassScore(model: model)
        let attributions = try GradientTimesInput().attributions(for: inputs, classes: [1, 1], score: score)
        let curves = try FaithfulnessCurves.measure(attributions: attributions, inputs: inputs, classes: [1, 1],
                                                    score: score, steps: 12)
        for curve in curves {
            XCTAssertEqual(curve.deletion.count, 13)
            XCTAssertEqual(curve.deletion[0], curve.randomDeletion[0])
            XCTAssertEqual(curve.insertion[12], curve.deletion[0], accuracy: 1e-6)
            XCTAssertLessThan(curve.deletionAUC, curve.randomDeletionAUC)
            XCTAssertGreaterThan(curve.insertionAUC, curve.randomInsertionAUC)
        }
        XCTAssertEqual(areaUnderCurve([0, 1, 1]), 0.75)
    }
}

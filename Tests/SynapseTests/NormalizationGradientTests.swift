import XCTest
@testable import Synapse

/// Batch and layer normalisation: gradients, modes and shape errors.
final class NormalizationGradientTests: XCTestCase, GradientChecked {
    static var gradientCases: [GradientCase] {
        batchNormalizationCases + batchNormalizationLayerCases + layerNormalizationCases
    }

    func testGradientCases() {
        Self.gradientCases.assertAllPass()
    }

    static var batchNormalizationCases: [GradientCase] {
        let x = randomTensor([4, 2, 3, 3], seed: 41) * 2
        let scale = randomTensor([3], seed: 42, lower: 0.5, upper: 1.5), offset = randomTensor([3], seed: 43)
        let rows = randomTensor([6, 4], seed: 44)
        return [
            GradientCase(at: [x, scale, offset]) {
                $0[0].batchNormalized(scale: $0[1], offset: $0[2], epsilon: 1e-3).output
            },
            GradientCase(at: [rows, Tensor.ones([4]), Tensor.zeros([4])]) {
                $0[0].batchNormalized(scale: $0[1], offset: $0[2], epsilon: 1e-2).output
            },
        ]
    }

    static var batchNormalizationLayerCases: [GradientCase] {
        let training = BatchNormalization(), inference = BatchNormalization()
        try! training.buildOnce(inputShape: [2, 2, 2])
        try! inference.buildOnce(inputShape: [2, 2, 2])
        training.train()
        inference.eval()
        let x = randomTensor([3, 2, 2, 2], seed: 45)
        return [
            GradientCase(at: [x]) { training($0[0]) },
            GradientCase(at: [x]) { inference($0[0]) },
        ]
    }

    func testBatchNormalizationLayerParameters() throws {
        let layer = BatchNormalization()
        try layer.buildOnce(inputShape: [2, 2, 2])
        XCTAssertEqual(layer.trainableParameters.count, 2)
        XCTAssertEqual(layer.parameters.count, 4)
    }

    func testBatchNormalizationUpdatesMovingStatisticsOnlyInTraining() throws {
        let layer = BatchNormalization(momentum: 0.5)
        let x = Tensor(shape: [2, 1], scalars: [1, 3])
        try layer.buildOnce(inputShape: [1])
        layer.eval()
        _ = layer(x)
        XCTAssertEqual(layer.movingMean!.value.scalars, [0])
        layer.train()
        let y = layer(x)
        XCTAssertEqual(layer.movingMean!.value.scalars, [1])          // 0·0.5 + 2·0.5
        XCTAssertEqual(layer.movingVariance!.value.scalars, [1])      // 1·0.5 + 1·0.5 (biased variance 1)
        assertClose(y, Tensor(shape: [2, 1], scalars: [-1 / 1.0005, 1 / 1.0005]), tolerance: 1e-4)
    }

    static var layerNormalizationCases: [GradientCase] {
        let plain = LayerNormalization(), scaled = LayerNormalization()
        try! plain.buildOnce(inputShape: [3, 5])
        try! scaled.buildOnce(inputShape: [3, 5])
        scaled.gamma!.value = randomTensor([5], seed: 47)
        let x = randomTensor([2, 3, 5], seed: 46)
        let uncentered = LayerNormalization(center: false), unscaled = LayerNormalization(scale: false)
        try! uncentered.buildOnce(inputShape: [3, 5])
        try! unscaled.buildOnce(inputShape: [3, 5])
        uncentered.gamma!.value = randomTensor([5], seed: 48)
        unscaled.beta!.value = randomTensor([5], seed: 49)
        return [
            GradientCase(at: [x]) { plain($0[0]) },
            GradientCase(at: [x]) { scaled($0[0]) },
            GradientCase(at: [x]) { uncentered($0[0]) },
            GradientCase(at: [x]) { unscaled($0[0]) },
        ]
    }

    func testLayerNormalizationWithoutOffsetOrScaleLearnsOnlyTheOther() throws {
        let x = randomTensor([2, 4], seed: 50)
        let full = LayerNormalization(), uncentered = LayerNormalization(center: false)
        let unscaled = LayerNormalization(scale: false), neither = LayerNormalization(center: false, scale: false)
        for layer in [full, uncentered, unscaled, neither] { try layer.buildOnce(inputShape: [4]) }
        XCTAssertEqual(full.trainableParameters.count, 2)
        XCTAssertNil(uncentered.beta)
        XCTAssertNotNil(uncentered.gamma)
        XCTAssertNil(unscaled.gamma)
        XCTAssertNotNil(unscaled.beta)
        XCTAssertEqual(neither.trainableParameters.count, 0)
        let gamma = Tensor(shape: [4], scalars: [2, -1, 0.5, 3]), beta = Tensor(shape: [4], scalars: [0.1, 0.2, -0.3, 0.4])
        full.gamma!.value = gamma
        full.beta!.value = beta
        uncentered.gamma!.value = gamma
        unscaled.beta!.value = beta
        let normalized = neither(x)
        assertClose(uncentered(x), normalized * gamma, tolerance: 1e-6)
        assertClose(unscaled(x), normalized + beta, tolerance: 1e-6)
        assertClose(full(x), normalized * gamma + beta, tolerance: 1e-6)
        // Without γ and β the rows have mean 0 and variance 1 (up to ε).
        assertClose(normalized.mean(alongAxis: -1), Tensor.zeros([2]), tolerance: 1e-6)
    }

    func testLayerNormalizationWritesCenterAndScaleOnlyWhenOff() throws {
        XCTAssertNil(LayerNormalization().configuration["center"])
        XCTAssertNil(LayerNormalization().configuration["scale"])
        let layer = LayerNormalization(epsilon: 1e-5, center: false)
        XCTAssertEqual(layer.configuration["center"], .bool(false))
        let restored = try LayerNormalization(configuration: layer.configuration)
        XCTAssertEqual(restored.epsilon, 1e-5)
        XCTAssertFalse(restored.center)
        XCTAssertTrue(restored.scale)
        XCTAssertThrowsError(try LayerNormalization(configuration: ["center": .string("no")]))
    }
}

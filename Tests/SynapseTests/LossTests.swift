import XCTest
@testable import Synapse

final class LossTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let loss: String
            let fromLogits: Bool
            let shape: [Int]
            let targets: [Float]
            let predictions: [Float]
            let value: Float
        }
        struct SoftmaxCase: Decodable {
            let targets: [Float]
            let logits: [Float]
            let shape: [Int]
            let value: Float
        }
        let cases: [Case]
        let categoricalFromSoftmax: SoftmaxCase
    }

    func loss(named name: String, fromLogits: Bool) -> Loss {
        switch name {
        case "categorical_crossentropy": return CategoricalCrossentropy(fromLogits: fromLogits)
        case "binary_crossentropy": return BinaryCrossentropy(fromLogits: fromLogits)
        case "mean_squared_error": return MeanSquaredError()
        default: return MeanAbsoluteError()
        }
    }

    func testLossesMatchKeras() throws {
        let fixture = try loadReferenceFixture("losses.json", as: Fixture.self)
        XCTAssertEqual(fixture.cases.count, 8)
        for reference in fixture.cases {
            let loss = loss(named: reference.loss, fromLogits: reference.fromLogits)
            XCTAssertEqual(loss.name, reference.loss)
            let value = loss(predictions: Tensor(shape: reference.shape, scalars: reference.predictions),
                             targets: Tensor(shape: reference.shape, scalars: reference.targets))
            XCTAssertEqual(value.shape, [])
            XCTAssertEqual(value.scalar, reference.value, accuracy: 1e-5 * max(1, abs(reference.value)),
                           "\(reference.loss) fromLogits: \(reference.fromLogits)")
        }
    }

    func testFreeFunctionsMatchTheClasses() throws {
        let fixture = try loadReferenceFixture("losses.json", as: Fixture.self)
        for reference in fixture.cases {
            let p = Tensor(shape: reference.shape, scalars: reference.predictions)
            let t = Tensor(shape: reference.shape, scalars: reference.targets)
            let value: Tensor
            switch reference.loss {
            case "categorical_crossentropy": value = categoricalCrossentropy(predictions: p, targets: t, fromLogits: reference.fromLogits)
            case "binary_crossentropy": value = binaryCrossentropy(predictions: p, targets: t, fromLogits: reference.fromLogits)
            case "mean_squared_error": value = meanSquaredError(predictions: p, targets: t)
            default: value = meanAbsoluteError(predictions: p, targets: t)
            }
            XCTAssertEqual(value.scalar, reference.value, accuracy: 1e-5 * max(1, abs(reference.value)), reference.loss)
        }
    }

    func testCategoricalCrossentropyOfASoftmaxUsesTheLogits() throws {
        // Row 0 of these logits saturates the softmax in float32; only the
        // fused path from the logits gives Keras's value.
        let reference = try loadReferenceFixture("losses.json", as: Fixture.self).categoricalFromSoftmax
        let logits = Tensor(shape: reference.shape, scalars: reference.logits)
        let targets = Tensor(shape: reference.shape, scalars: reference.targets)
        let value = CategoricalCrossentropy()(predictions: logits.softmaxRememberingLogits(), targets: targets)
        XCTAssertEqual(value.scalar, reference.value, accuracy: 1e-5 * reference.value)
        let plain = CategoricalCrossentropy()(predictions: logits.softmax(), targets: targets)
        XCTAssertGreaterThan(abs(plain.scalar - reference.value), 1e-3, "the clipped probability path differs, so the test can tell them apart")
        // Gradients flow to the logits through the fused path.
        let leaf = logits.requiringGradient()
        let fused = CategoricalCrossentropy()(predictions: leaf.softmaxRememberingLogits(), targets: targets)
        let viaLogits = softmaxCrossEntropy(logits: leaf, targets: targets)
        assertClose(fused.gradients(wrt: [leaf])[0], viaLogits.gradients(wrt: [leaf])[0])
    }

    func testBinaryCrossentropyFromLogitsIsStableForLargeLogits() {
        let value = binaryCrossentropy(predictions: Tensor([100, -100, 100]), targets: Tensor([1, 0, 0]), fromLogits: true)
        XCTAssertEqual(value.scalar, 100 / 3, accuracy: 1e-4)
        let leaf = Tensor([100, -100, 100]).requiringGradient()
        let gradient = binaryCrossentropy(predictions: leaf, targets: Tensor([1, 0, 0]), fromLogits: true).gradients(wrt: [leaf])[0]
        assertClose(gradient, Tensor([0, 0, 1.0 / 3]))
    }

    func testBinaryCrossentropyOfASigmoidUsesTheLogits() {
        // σ(±30) rounds to exactly 1 and 0 in Float, so the clipped path loses
        // the loss; the logits path keeps it: −log σ(−30) = 30.
        let logits = Tensor([[30], [-30]]).requiringGradient()
        let probabilities = Activation.sigmoid(logits)
        let loss = binaryCrossentropy(predictions: probabilities, targets: Tensor([0, 1]))
        XCTAssertEqual(loss.scalar, 30, accuracy: 1e-4)
        assertClose(loss.gradients(wrt: [logits])[0], Tensor([[0.5], [-0.5]]), tolerance: 1e-6)
        let clipped = binaryCrossentropy(predictions: probabilities.detached(), targets: Tensor([0, 1]))
        XCTAssertLessThan(clipped.scalar, 17)
        // A softmax output is not mistaken for a sigmoid one, nor the reverse.
        XCTAssertNil(Activation.softmax(Tensor([[1, 2]])).logits(before: .sigmoid))
        XCTAssertNil(probabilities.logits(before: .softmax))
    }

    func testLabelVectorsPairWithSingleColumnOutputs() {
        let predictions = Tensor([[0.5], [2]]), targets = Tensor([1, 1])
        XCTAssertEqual(meanSquaredError(predictions: predictions, targets: targets).scalar, 0.625)
        XCTAssertEqual(meanAbsoluteError(predictions: predictions, targets: targets).scalar, 0.75)
        XCTAssertEqual(binaryCrossentropy(predictions: Tensor([[0.5]]), targets: Tensor([1])).scalar, -log(0.5), accuracy: 1e-6)
    }

    func testFactoriesGiveTheKerasLosses() {
        XCTAssertEqual(Loss.categoricalCrossentropy.name, "categorical_crossentropy")
        XCTAssertTrue((Loss.categoricalCrossentropyFromLogits as! CategoricalCrossentropy).fromLogits)
        XCTAssertEqual(Loss.binaryCrossentropy.name, "binary_crossentropy")
        XCTAssertTrue((Loss.binaryCrossentropyFromLogits as! BinaryCrossentropy).fromLogits)
        XCTAssertEqual(Loss.meanSquaredError.name, "mean_squared_error")
        XCTAssertEqual(Loss.meanAbsoluteError.name, "mean_absolute_error")
    }

    func testCompileWithMeanSquaredErrorFitsALine() throws {
        Synapse.seed(4)
        let x = Tensor.randomUniform([128, 1], lower: -1, upper: 1, seed: 5)
        let y = x * 3 + 0.5
        let model = Sequential([Dense(1)])
        model.compile(optimizer: .sgd(learningRate: 0.1), loss: .meanSquaredError, metrics: [.mean(of: .meanAbsoluteError)])
        let history = try model.fit(x, y, epochs: 30, batchSize: 16, verbose: .silent)
        XCTAssertLessThan(history["loss"].last!, 1e-3)
        XCTAssertLessThan(history["mean_absolute_error"].last!, 0.05)
    }
}

/// Every loss, differentiated with respect to predictions and targets, against finite differences.
final class LossGradientTests: XCTestCase, GradientChecked {
    static var logits: Tensor { randomTensor([4, 5], seed: 31) * 3 }
    static var oneHot: Tensor { Tensor(shape: [4, 5], scalars: (0..<20).map { [0, 7, 13, 16].contains($0) ? 1 : 0 }) }
    static var soft: Tensor { randomTensor([4, 5], seed: 32, lower: 0.1, upper: 1) }
    static var probabilities: Tensor { randomTensor([4, 5], seed: 33, lower: 0.05, upper: 0.95) }
    static var binaryTargets: Tensor { Tensor(shape: [4, 5], scalars: (0..<20).map { Float($0 * 7 % 3 == 0 ? 1 : 0) }) }
    static var labels: Tensor { Tensor([3, 0, 4, 2]) }

    static var gradientCases: [GradientCase] {
        categoricalCases + sparseCategoricalCases + binaryCases + regressionCases
    }

    func testGradientCases() {
        Self.gradientCases.assertAllPass()
    }

    static var categoricalCases: [GradientCase] {
        let oneHot = oneHot
        return [
            // log p near p = 0.05 has a third derivative of 2/p³ = 16,000: a step
            // of 1e-2 would put a 1% truncation error into the central difference.
            GradientCase(at: [probabilities, soft], epsilon: 1e-3) { CategoricalCrossentropy()(predictions: $0[0], targets: $0[1]) },
            GradientCase(at: [logits, soft]) { CategoricalCrossentropy(fromLogits: true)(predictions: $0[0], targets: $0[1]) },
            GradientCase(at: [logits]) { CategoricalCrossentropy()(predictions: $0[0].softmaxRememberingLogits(), targets: oneHot) },
        ]
    }

    static var sparseCategoricalCases: [GradientCase] {
        let labels = labels, columnLabels = labels.reshaped(to: [4, 1])
        return [
            GradientCase(at: [logits]) { SparseCategoricalCrossentropy(fromLogits: true)(predictions: $0[0], targets: labels) },
            GradientCase(at: [logits]) { SparseCategoricalCrossentropy()(predictions: $0[0].softmaxRememberingLogits(), targets: columnLabels) },
            // Probabilities, renormalised per row: as for categorical, a smaller step near p = 0.05.
            GradientCase(at: [probabilities], epsilon: 1e-3) { SparseCategoricalCrossentropy()(predictions: $0[0], targets: labels) },
            // The loss scaled and shifted, so that the upstream gradient is not 1.
            GradientCase(at: [logits]) { SparseCategoricalCrossentropy(fromLogits: true)(predictions: $0[0], targets: labels) * 2.5 },
            GradientCase(at: [probabilities], epsilon: 1e-3) { SparseCategoricalCrossentropy()(predictions: $0[0], targets: labels) * -1.5 },
        ]
    }

    static var binaryCases: [GradientCase] {
        let binaryTargets = binaryTargets
        return [
            // log p and log(1 − p) near 0.05 and 0.95: as above, a smaller step.
            GradientCase(at: [probabilities, soft], epsilon: 1e-3) { BinaryCrossentropy()(predictions: $0[0], targets: $0[1]) },
            GradientCase(at: [logits, soft]) { BinaryCrossentropy(fromLogits: true)(predictions: $0[0], targets: $0[1]) },
            GradientCase(at: [logits]) { BinaryCrossentropy(fromLogits: true)(predictions: $0[0], targets: binaryTargets) },
        ]
    }

    static var regressionCases: [GradientCase] {
        let targets = randomTensor([4, 5], seed: 34)
        let predictions = targets + randomTensorAwayFromZero([4, 5], seed: 35, margin: 0.05)
        return [
            GradientCase(at: [predictions, targets]) { MeanSquaredError()(predictions: $0[0], targets: $0[1]) },
            GradientCase(at: [predictions, targets]) { MeanAbsoluteError()(predictions: $0[0], targets: $0[1]) },
            GradientCase(at: [randomTensor([6, 1], seed: 36), randomTensor([6], seed: 37)]) {
                MeanSquaredError()(predictions: $0[0], targets: $0[1])
            },
        ]
    }
}

import XCTest
@testable import Synapse

/// Per-example gradients from one batch pass against batch-of-one passes,
/// for every layer with a per-example rule; ghost norms and the weighted
/// (clipped) sum against finite differences.
final class PrivacyPerExampleTests: XCTestCase {
    /// A built model with `layers`, inputs of `inputShape` for `batch`
    /// examples, and regression targets for its output.
    func fixture(_ layers: [Layer], inputShape: [Int], batch: Int = 3, seed: UInt64 = 7)
        -> (model: Sequential, x: Tensor, y: Tensor) {
        Synapse.seed(seed)
        let model = Sequential(layers)
        try! model.build(inputShape: inputShape)
        let x = Tensor.randomNormal([batch] + inputShape, seed: seed + 1)
        let outputShape = Array(withoutGradients { model(x) }.shape.dropFirst())
        let y = Tensor.randomNormal([batch] + outputShape, seed: seed + 2)
        return (model, x, y)
    }

    /// Example `index` of a batch, as a batch of one.
    func example(_ tensor: Tensor, _ index: Int) -> Tensor {
        let size = tensor.count / tensor.shape[0]
        return Tensor(shape: [1] + tensor.shape.dropFirst(), scalars: Array(tensor.scalars[index * size ..< (index + 1) * size]))
    }

    func assertMatchesBatchOfOne(_ layers: [Layer], inputShape: [Int], file: StaticString = #filePath, line: UInt = #line) throws {
        let (model, x, y) = fixture(layers, inputShape: inputShape)
        let loss = MeanSquaredError()
        let pass = try model.perExampleBackward(inputs: x, targets: y, loss: loss)
        let perExample = pass.perExampleGradients()
        XCTAssertEqual(Set(pass.parameters.map(ObjectIdentifier.init)),
                       Set(model.trainableParameters.map(ObjectIdentifier.init)), file: file, line: line)
        let norms = pass.squaredNormsPerLayer()
        for index in 0 ..< x.shape[0] {
            let (_, reference) = valueWithGradients(of: model) { model in
                loss(predictions: model(example(x, index)), targets: example(y, index))
            }
            var squaredNorm: Float = 0
            for (parameter, gradients) in zip(pass.parameters, perExample) {
                let expected = try XCTUnwrap(reference[parameter])
                let got = example(gradients, index)
                XCTAssertEqual(got.shape, [1] + expected.shape, file: file, line: line)
                for (a, b) in zip(got.scalars, expected.scalars) {
                    XCTAssertEqual(a, b, accuracy: 1e-5, "\(parameter.shape)", file: file, line: line)
                }
                squaredNorm += expected.scalars.reduce(0) { $0 + $1 * $1 }
            }
            let ghost = norms.reduce(0) { $0 + $1[index] }
            XCTAssertEqual(ghost, squaredNorm, accuracy: 1e-5 * max(1, squaredNorm), file: file, line: line)
        }
    }

    func testDense() throws {
        try assertMatchesBatchOfOne([Dense(5, activation: .tanh), Dense(3, activation: .relu), Dense(2)], inputShape: [6])
    }

    /// The article's MLP: softmax output and sparse cross-entropy on probabilities.
    func testSoftmaxWithSparseCrossEntropy() throws {
        Synapse.seed(5)
        let model = Sequential([Flatten(), Dense(6, activation: .relu), Dense(3, activation: .softmax)])
        try model.build(inputShape: [2, 3])
        let x = Tensor.randomNormal([4, 2, 3], seed: 6), y = Tensor(shape: [4], scalars: [2, 0, 1, 2])
        let loss = SparseCategoricalCrossentropy()
        let pass = try model.perExampleBackward(inputs: x, targets: y, loss: loss)
        for (index, norm) in zip(0 ..< 4, (0 ..< 4).map { example in pass.squaredNormsPerLayer().reduce(0) { $0 + $1[example] } }) {
            let (_, reference) = valueWithGradients(of: model) { loss(predictions: $0(example(x, index)), targets: example(y, index)) }
            let expected = reference.tensors.reduce(Float(0)) { $0 + $1.scalars.reduce(0) { $0 + $1 * $1 } }
            XCTAssertEqual(norm, expected, accuracy: 1e-5 * max(1, expected))
        }
    }

    func testDenseOnSequences() throws {
        try assertMatchesBatchOfOne([Dense(4, activation: .tanh), Flatten(), Dense(2)], inputShape: [3, 5])
    }

    func testConv2D() throws {
        try assertMatchesBatchOfOne([Conv2D(3, kernelSize: 3, strides: 2, padding: .same, activation: .relu),
                                     Conv2D(2, kernelSize: 2, dilation: 2), Flatten(), Dense(2)], inputShape: [7, 7, 2])
    }

    func testConv2DBeforeMaxPoolIsNotFused() throws {
        try assertMatchesBatchOfOne([Conv2D(3, kernelSize: 3, activation: .relu), MaxPool2D(), Flatten(), Dense(2)],
                                    inputShape: [8, 8, 1])
    }

    func testDepthwiseConv2D() throws {
        try assertMatchesBatchOfOne([DepthwiseConv2D(kernelSize: 2, padding: .same, depthMultiplier: 2, activation: .tanh),
                                     Flatten(), Dense(2)], inputShape: [5, 5, 3])
    }

    func testConv2DTranspose() throws {
        try assertMatchesBatchOfOne([Conv2DTranspose(3, kernelSize: 3, strides: 2, padding: .same), Flatten(), Dense(2)],
                                    inputShape: [4, 4, 2])
        try assertMatchesBatchOfOne([Conv2DTranspose(2, kernelSize: 2, strides: 1, useBias: false), Flatten(), Dense(2)],
                                    inputShape: [3, 3, 2])
    }

    func testLayerNormalization() throws {
        try assertMatchesBatchOfOne([Dense(6), LayerNormalization(), Dense(2)], inputShape: [4])
        try assertMatchesBatchOfOne([Dense(6), LayerNormalization(center: false), Dense(2)], inputShape: [4])
        try assertMatchesBatchOfOne([Dense(6), LayerNormalization(scale: false), Dense(2)], inputShape: [4])
    }

    func testGroupNormalization() throws {
        try assertMatchesBatchOfOne([Conv2D(4, kernelSize: 3), GroupNormalization(groups: 2), Flatten(), Dense(2)],
                                    inputShape: [5, 5, 1])
    }

    func testBatchNormalizationIsRefusedNamingTheAlternatives() {
        let (model, x, y) = fixture([Dense(4), BatchNormalization(), Dense(2)], inputShape: [3])
        XCTAssertThrowsError(try model.perExampleBackward(inputs: x, targets: y, loss: MeanSquaredError())) { error in
            XCTAssertEqual(error as? PrivacyError, .mixesExamples(layer: model.layers[1].name))
            XCTAssertTrue("\(error)".contains("LayerNormalization or GroupNormalization"))
        }
    }

    func testLayerWithoutRuleIsRefused() {
        final class Scale: Layer {
            var factor = Parameter(Tensor([2]))
            override func call(_ input: Tensor) -> Tensor { input * factor.value }
        }
        let (model, x, y) = fixture([Dense(2), Scale()], inputShape: [3])
        XCTAssertThrowsError(try model.perExampleBackward(inputs: x, targets: y, loss: MeanSquaredError())) { error in
            guard case PrivacyError.unsupportedLayer = error else { return XCTFail("got \(error)") }
        }
    }

    /// The clipped sum Σᵢ cᵢ gᵢ is the gradient of Σᵢ cᵢ Lᵢ (cᵢ held fixed):
    /// a finite-difference check of the ghost-clipping path (norms without
    /// per-example gradients, then the weighted sum from the same pass).
    func testWeightedSumMatchesFiniteDifferences() throws {
        let (model, x, y) = fixture([Conv2D(2, kernelSize: 2, activation: .tanh), GroupNormalization(groups: 1),
                                     Flatten(), Dense(3, activation: .tanh), LayerNormalization(), Dense(2)],
                                    inputShape: [4, 4, 1], batch: 4)
        let loss = MeanSquaredError()
        let pass = try model.perExampleBackward(inputs: x, targets: y, loss: loss)
        let factors = PrivacyClipping.flat.factors(squaredNorms: pass.squaredNormsPerLayer(), maxGradNorm: 0.5)
        XCTAssertTrue(factors[0].contains { $0 < 1 }, "the check should clip some examples")
        let analytic = pass.weightedGradients(weights: factors)
        func weightedLoss() -> Double {
            (0 ..< x.shape[0]).reduce(0.0) { total, index in
                total + Double(factors[0][index]) * Double(loss(predictions: model(example(x, index)), targets: example(y, index)).scalar)
            }
        }
        // 3e-3, not the usual 1e-2: the normalisations curve enough that the
        // 1e-2 step's truncation error (step² f‴ / 6) passes the tolerance.
        let step: Float = 3e-3
        for (parameter, gradient) in zip(pass.parameters, analytic) {
            for element in 0 ..< parameter.value.count {
                let original = parameter.value.scalars[element]
                parameter.update { $0[element] = original + step }
                let plus = weightedLoss()
                parameter.update { $0[element] = original - step }
                let minus = weightedLoss()
                parameter.update { $0[element] = original }
                let numeric = (plus - minus) / Double(2 * step)
                XCTAssertEqual(Double(gradient.scalars[element]), numeric, accuracy: 2e-4 + 2e-3 * abs(numeric),
                               "\(parameter.shape)[\(element)]")
            }
        }
    }
}

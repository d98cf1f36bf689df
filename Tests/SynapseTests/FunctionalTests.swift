import XCTest
@testable import Synapse

/// Keras's functional API: symbolic inputs, layer calls recorded as a
/// graph, residual connections, shared layers, several inputs and outputs,
/// and training through `compile`/`fit`/`evaluate`/`predict`.
final class FunctionalTests: XCTestCase {
    func testAResidualGraphComputesWhatItsLayersDo() {
        Synapse.seed(1)
        let input = Input(shape: [6])
        let first = Dense(6, activation: .relu), second = Dense(6)
        let residual = Add()([input, second(first(input))])
        let head = Dense(3)
        let model = Functional(inputs: input, outputs: head(residual))
        let x = Tensor.randomNormal([5, 6], seed: 2)
        XCTAssertEqual(model(x), head(x + second(first(x))))
        XCTAssertEqual(model.layers.map(\.name), ["dense", "dense_1", "add", "dense_2"])
        XCTAssertEqual(model.inputShape, [6])
        XCTAssertEqual(model.outputShape, [3])
        XCTAssertEqual(residual.shape, [6])
        XCTAssertEqual(model.parameterCount, 2 * (6 * 6 + 6) + 6 * 3 + 3)
        let summary = model.summaryText()
        XCTAssertTrue(summary.contains("add (Add)") && summary.contains("(None, 6)"), summary)
    }

    func testACalledTwiceLayerSharesItsWeights() throws {
        Synapse.seed(3)
        let input = Input(shape: [4])
        let shared = Dense(4, activation: .tanh)
        let model = Functional(inputs: input, outputs: shared(shared(input)))
        XCTAssertEqual(model.layers.count, 1)
        XCTAssertEqual(model.namedParameters.map(\.name), ["dense.kernel", "dense.bias"])
        let x = Tensor.randomNormal([2, 4], seed: 4)
        XCTAssertEqual(model(x), shared(shared(x)))
        // Both calls contribute to the one kernel's gradient.
        let kernel = try XCTUnwrap(shared.kernel).value
        let gradient = model(x).sum().gradients(wrt: [kernel])[0]
        let inner = shared(x)
        let onlyOuter = (inner.detached().matmul(kernel) + shared.bias!.value).tanh().sum().gradients(wrt: [kernel])[0]
        XCTAssertGreaterThan((gradient - onlyOuter).abs().max().scalar, 1e-4)
    }

    func testSeveralInputsAndOutputsRunForwardAndBackward() throws {
        Synapse.seed(5)
        let text = Input(shape: [5, 4], name: "text"), extra = Input(shape: [3], name: "extra")
        let encoded = GlobalAveragePool1D()(Conv1D(6, kernelSize: 2, padding: .causal, activation: .relu)(text))
        let joined = Concatenate()([encoded, Dense(2)(extra)])
        let scoreLayer = Dense(1)
        scoreLayer.name = "score"
        let score = scoreLayer(joined)
        let classes = Dense(3, activation: .softmax)(joined)
        let model = Functional(inputs: [text, extra], outputs: [score, classes])
        XCTAssertEqual(joined.shape, [8])
        let a = Tensor.randomNormal([4, 5, 4], seed: 6).requiringGradient()
        let b = Tensor.randomNormal([4, 3], seed: 7).requiringGradient()
        let outputs = model([a, b])
        XCTAssertEqual(outputs.map(\.shape), [[4, 1], [4, 3]])
        let parameters = model.trainableParameters.map(\.value)
        let loss = outputs[0].sum() + (outputs[1] * Tensor.randomNormal([4, 3], seed: 8)).sum()
        let gradients = loss.gradients(wrt: [a, b] + parameters)
        XCTAssertEqual(gradients.count, 2 + parameters.count)
        for (gradient, value) in zip(gradients, [a, b] + parameters) { XCTAssertEqual(gradient.shape, value.shape) }
        XCTAssertGreaterThan(gradients[1].abs().sum().scalar, 0)
        XCTAssertThrowsError(try model.predict(a)) { error in
            XCTAssertTrue("\(error)".contains("2 inputs and 2 outputs"), "\(error)")
        }
    }

    func testAFunctionalModelTrainsEvaluatesAndPredicts() throws {
        Synapse.seed(9)
        let (x, y) = teacherLabelledData(count: 400, seed: 10)
        let input = Input(shape: [6])
        let hidden = Dense(32, activation: .relu)(input)
        let outputs = Dense(3, activation: .softmax)(Add()([hidden, Dense(32, activation: .relu)(hidden)]))
        let model = Functional(inputs: input, outputs: outputs)
        model.compile(optimizer: .adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let history = try model.fit(x, y, epochs: 6, batchSize: 32, verbose: .silent)
        XCTAssertLessThan(history["loss"].last!, history["loss"].first! * 0.6)
        let (testX, testY) = teacherLabelledData(count: 200, seed: 11)
        XCTAssertGreaterThan(try model.evaluate(testX, testY, verbose: .silent).accuracy, 0.8)
        XCTAssertEqual(try model.predict(testX).shape, [200, 3])
    }

    func testAFunctionalModelCanBeALayerOfAnother() {
        Synapse.seed(13)
        let inner = Input(shape: [4])
        let block = Functional(inputs: inner, outputs: Add()([inner, Dense(4)(inner)]), name: "block")
        let outer = Input(shape: [4])
        let model = Functional(inputs: outer, outputs: Dense(2)(block(block(outer))))
        let x = Tensor.randomNormal([3, 4], seed: 14)
        XCTAssertEqual(model(x).shape, [3, 2])
        XCTAssertEqual(model.namedParameters.map(\.name), ["block.dense.kernel", "block.dense.bias", "dense.kernel", "dense.bias"])
    }

    func testGraphsThatAreNotModelsAreRejected() {
        let a = Input(shape: [3]), b = Input(shape: [3])
        let sum = Add()([a, b])
        XCTAssertThrowsError(try FunctionalGraph(inputs: [a], outputs: [sum])) { error in
            XCTAssertTrue("\(error)".contains("not among the model's inputs"), "\(error)")
        }
        XCTAssertThrowsError(try FunctionalGraph(inputs: [a, a], outputs: [a]))
        let first = Dense(2), second = Dense(2)
        first.name = "twin"
        second.name = "twin"
        XCTAssertThrowsError(try FunctionalGraph(inputs: [a], outputs: [first(a), second(a)])) { error in
            XCTAssertTrue("\(error)".contains("twin"), "\(error)")
        }
    }

    func testMergeLayersCheckTheirInputs() {
        XCTAssertThrowsError(try Add().outputShape(forInputShapes: [[3], [4]]))
        XCTAssertThrowsError(try Add().outputShape(forInputShapes: [[3]]))
        XCTAssertEqual(try Concatenate(axis: 1).outputShape(forInputShapes: [[2, 3], [4, 3]]), [6, 3])
        XCTAssertEqual(try Concatenate().outputShape(forInputShapes: [[2, 3], [2, 5]]), [2, 8])
        XCTAssertThrowsError(try Concatenate(axis: 1).outputShape(forInputShapes: [[2, 3], [2, 4]]))
        XCTAssertThrowsError(try Concatenate(axis: 0).outputShape(forInputShapes: [[2], [2]]))
        XCTAssertThrowsError(try Concatenate(axis: 3).outputShape(forInputShapes: [[2], [2]]))
        let x = Tensor(shape: [1, 2, 1], scalars: [1, 2]), y = Tensor(shape: [1, 2, 1], scalars: [3, 4])
        XCTAssertEqual(Concatenate(axis: 1)([x, y]).scalars, [1, 2, 3, 4])
        XCTAssertEqual(Concatenate()([x, y]).scalars, [1, 3, 2, 4])
        XCTAssertEqual(Add()([x, y, x]).scalars, [5, 8])
    }
}

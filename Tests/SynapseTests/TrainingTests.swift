import XCTest
@testable import Synapse

/// A small classification problem with a known answer: the label is the
/// index of the largest of the first three features.
func teacherLabelledData(count: Int, seed: UInt64) -> (x: Tensor, y: Tensor) {
    let x = Tensor.randomNormal([count, 6], seed: seed)
    let y = x.slice(alongAxis: 1, 0..<3).argmax(alongAxis: 1)
    return (x, y)
}

final class SimpleNetwork: Model {
    let dense1 = Dense(32, activation: .relu)
    let dense2 = Dense(3, activation: .softmax)
    override func call(_ x: Tensor) -> Tensor { dense2(dense1(x)) }
}

final class TrainingTests: XCTestCase {
    func testFitLearnsATeacherLabelledProblem() throws {
        Synapse.seed(1)
        let (x, y) = teacherLabelledData(count: 600, seed: 2)
        let model = SimpleNetwork()
        model.compile(optimizer: .adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let history = try model.fit(x, y, epochs: 8, batchSize: 32, verbose: .silent)
        XCTAssertEqual(history.epochs, Array(0..<8))
        XCTAssertLessThan(history["loss"].last!, history["loss"].first! * 0.6)
        let (testX, testY) = teacherLabelledData(count: 300, seed: 3)
        let result = try model.evaluate(testX, testY, verbose: .silent)
        XCTAssertGreaterThan(result.accuracy, 0.85)
        XCTAssertEqual(try model.predict(testX).shape, [300, 3])
    }

    func testSameSeedGivesIdenticalRuns() throws {
        func run() throws -> [Float] {
            Synapse.seed(42)
            let (x, y) = teacherLabelledData(count: 200, seed: 5)
            let model = Sequential([Dense(8, activation: .tanh), Dropout(0.2), Dense(3, activation: .softmax)])
            model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
            try model.fit(x, y, epochs: 2, batchSize: 16, verbose: .silent)
            return model.parameters.flatMap { $0.value.scalars }
        }
        XCTAssertEqual(try run(), try run())
    }

    func testSubclassedModelFindsParametersByReflection() throws {
        let model = SimpleNetwork()
        try model.build(inputShape: [6])
        XCTAssertEqual(model.namedParameters.map(\.name), ["dense1.kernel", "dense1.bias", "dense2.kernel", "dense2.bias"])
        XCTAssertEqual(model.parameterCount, 6 * 32 + 32 + 32 * 3 + 3)
        XCTAssertEqual(model.dense1.outputShape, [32])
    }

    func testSequentialNamesLayersLikeKeras() {
        let model = Sequential([Flatten(), Dense(4), Dense(2)])
        XCTAssertEqual(model.layers.map(\.name), ["flatten", "dense", "dense_1"])
    }

    func testShapeErrorsAreThrownWhenBuilding() {
        let model = Sequential([Dense(4), Reshape([3, 3])])
        XCTAssertThrowsError(try model.build(inputShape: [5])) { error in
            guard case let LayerError.incompatibleInput(layer, shape, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(layer, "reshape")
            XCTAssertEqual(shape, [4])
        }
    }

    func testFitWithoutCompileThrows() {
        XCTAssertThrowsError(try SimpleNetwork().fit(Tensor.zeros([2, 6]), Tensor.zeros([2]), verbose: .silent))
    }

    func testValidationSplitAddsValidationMetrics() throws {
        let (x, y) = teacherLabelledData(count: 100, seed: 9)
        let model = SimpleNetwork()
        model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let history = try model.fit(x, y, epochs: 1, validationSplit: 0.2, verbose: .silent)
        XCTAssertEqual(history["val_loss"].count, 1)
        XCTAssertEqual(history["val_accuracy"].count, 1)
    }
}

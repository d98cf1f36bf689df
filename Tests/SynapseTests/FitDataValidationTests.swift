import XCTest
import Synapse

/// Bad labels and arguments given to `fit`/`evaluate` are thrown errors, not traps.
final class FitDataValidationTests: XCTestCase {
    private func compiledModel(classes: Int) -> Sequential {
        Synapse.seed(1)
        let model = Sequential([Dense(classes, activation: .softmax)])
        model.compile(optimizer: .sgd(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        return model
    }

    func testALabelAtTheClassCountIsAThrownErrorNamingBatchExampleAndLabel() throws {
        let model = compiledModel(classes: 3)
        let x = Tensor.randomNormal([10, 4], seed: 2)
        var labels: [Float] = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0]
        labels[7] = 3
        XCTAssertThrowsError(try model.fit(x, Tensor(labels), epochs: 1, batchSize: 4, shuffle: false,
                                           verbose: .silent)) { error in
            XCTAssertEqual(error as? TrainingDataError,
                           .labelOutOfRange(batch: 2, example: 7, label: 3, classCount: 3))
            let message = "\(error)"
            XCTAssertTrue(message.contains("batch 2") && message.contains("example 7")
                          && message.contains("label 3") && message.contains("0..<3"), message)
        }
    }

    func testNegativeFractionalAndNaNLabelsAreRejected() throws {
        for bad: Float in [-1, 0.5, .nan] {
            let model = compiledModel(classes: 3)
            let x = Tensor.randomNormal([4, 2], seed: 3)
            XCTAssertThrowsError(try model.fit(x, Tensor([0, 1, bad, 2]), epochs: 1, batchSize: 4,
                                               shuffle: false, verbose: .silent)) { error in
                guard case let .labelOutOfRange(batch, example, _, classes)? = error as? TrainingDataError else {
                    return XCTFail("label \(bad): unexpected \(error)")
                }
                XCTAssertEqual([batch, example, classes], [1, 2, 3])
            }
        }
    }

    func testShuffledBatchesNameTheExampleIndexInTheData() throws {
        let model = compiledModel(classes: 2)
        let x = Tensor.randomNormal([9, 2], seed: 4)
        let labels: [Float] = [0, 1, 0, 1, 0, 1, 5, 1, 0]
        XCTAssertThrowsError(try model.fit(x, Tensor(labels), epochs: 1, batchSize: 2, verbose: .silent)) { error in
            guard case let .labelOutOfRange(_, example, label, _)? = error as? TrainingDataError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(example, 6)
            XCTAssertEqual(label, 5)
        }
    }

    func testEvaluateAndValidationDataCheckLabelsToo() throws {
        let model = compiledModel(classes: 2)
        let x = Tensor.randomNormal([4, 2], seed: 5)
        let good = Tensor([0, 1, 1, 0]), bad = Tensor([0, 1, 2, 0])
        XCTAssertThrowsError(try model.evaluate(x, bad, verbose: .silent)) { error in
            XCTAssertEqual(error as? TrainingDataError, .labelOutOfRange(batch: 1, example: 2, label: 2, classCount: 2))
        }
        XCTAssertThrowsError(try model.fit(x, good, epochs: 1, validationData: (x, bad), verbose: .silent)) { error in
            XCTAssertTrue(error is TrainingDataError, "\(error)")
        }
    }

    func testValidLabelsTrainAsBefore() throws {
        let model = compiledModel(classes: 3)
        let x = Tensor.randomNormal([12, 4], seed: 6)
        let history = try model.fit(x, Tensor([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]), epochs: 2, verbose: .silent)
        XCTAssertEqual(history.epochs.count, 2)
    }

    /// A loss of the user's own that reads class indices gets the same check.
    final class CrossEntropyOnClassIndices: Loss {
        init() { super.init(name: "cross_entropy_on_class_indices") }
        override var takesClassIndices: Bool { true }
        override func callAsFunction(predictions: Tensor, targets: Tensor) -> Tensor {
            sparseSoftmaxCrossEntropy(logits: predictions, labels: targets)
        }
    }

    func testACustomLossThatTakesClassIndicesIsCheckedToo() {
        Synapse.seed(8)
        let model = Sequential([Dense(2)])
        model.compile(optimizer: .sgd(), loss: CrossEntropyOnClassIndices())
        let x = Tensor.randomNormal([4, 3], seed: 8)
        XCTAssertThrowsError(try model.fit(x, Tensor([0, 1, 7, 0]), epochs: 1, shuffle: false, verbose: .silent)) { error in
            XCTAssertEqual(error as? TrainingDataError, .labelOutOfRange(batch: 1, example: 2, label: 7, classCount: 2))
        }
    }

    func testZeroOrNegativeEpochsAreRejected() {
        let model = compiledModel(classes: 2)
        let x = Tensor.randomNormal([4, 2], seed: 7), y = Tensor([0, 1, 1, 0])
        for epochs in [0, -1] {
            XCTAssertThrowsError(try model.fit(x, y, epochs: epochs, verbose: .silent)) { error in
                XCTAssertTrue("\(error)".contains("epochs (\(epochs)) must be ≥ 1"), "\(error)")
            }
        }
    }
}

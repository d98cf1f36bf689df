import XCTest
@testable import Synapse

final class MetricTests: XCTestCase {
    let scores = Tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.2, 0.6], [0.3, 0.4, 0.3]])

    func testSparseCategoricalAccuracyComparesArgmaxWithLabels() {
        let metric = SparseCategoricalAccuracy()
        metric.update(predictions: scores, targets: Tensor([1, 0, 1, 2]))
        XCTAssertEqual(metric.result, 0.5)
        metric.update(predictions: scores, targets: Tensor([[1], [0], [2], [1]]))
        XCTAssertEqual(metric.result, 6.0 / 8)
        metric.reset()
        XCTAssertEqual(metric.result, 0)
        XCTAssertEqual(metric.name, "sparse_categorical_accuracy")
    }

    func testCategoricalAccuracyComparesArgmaxOnBothSides() {
        let metric = CategoricalAccuracy()
        metric.update(predictions: scores, targets: Tensor([[0, 1, 0], [0, 0, 1], [0, 0, 1], [1, 0, 0]]))
        XCTAssertEqual(metric.result, 0.5)
        XCTAssertEqual(metric.makeFresh().name, "categorical_accuracy")
    }

    func testBinaryAccuracyThresholdsEveryElement() {
        let metric = BinaryAccuracy()
        metric.update(predictions: Tensor([[0.9, 0.2], [0.5, 0.6]]), targets: Tensor([[1, 0], [1, 0]]))
        XCTAssertEqual(metric.result, 0.5, "0.5 is not above the threshold")
        let logits = BinaryAccuracy(threshold: 0)
        logits.update(predictions: Tensor([-2, 3, 0.1]), targets: Tensor([0, 1, 1]))
        XCTAssertEqual(logits.result, 1)
        XCTAssertEqual((logits.makeFresh() as! BinaryAccuracy).threshold, 0)
    }

    func testMeanIsWeightedByExamples() {
        let mean = Mean()
        mean.add(2, weight: 3)
        mean.add(Tensor([4, 6]))
        XCTAssertEqual(mean.result, (6 + 10) / 5.0)
        let loss = Mean(name: "mse", of: MeanSquaredError())
        loss.update(predictions: Tensor([[1], [3]]), targets: Tensor([0, 0]))   // mean 5 over 2 examples
        loss.update(predictions: Tensor([[2]]), targets: Tensor([0]))           // 4 over 1
        XCTAssertEqual(loss.result, (5 * 2 + 4) / 3.0, accuracy: 1e-9)
        XCTAssertEqual(Metric.mean(of: .meanAbsoluteError).name, "mean_absolute_error")
    }

    func testConfusionMatrixCountsAndPrints() {
        let matrix = ConfusionMatrix(classes: 3)
        matrix.update(predictions: scores, targets: Tensor([1, 0, 1, 2]))
        matrix.update(predictions: Tensor([2, 2]), targets: Tensor([2, 0]))
        XCTAssertEqual(matrix.counts, [[1, 0, 1], [0, 1, 1], [0, 1, 1]])
        XCTAssertEqual(matrix[1, 2], 1)
        XCTAssertEqual(matrix.total, 6)
        XCTAssertEqual(matrix.result, 0.5)
        XCTAssertEqual(matrix.recall(ofClass: 0), 0.5)
        XCTAssertEqual(matrix.precision(ofClass: 2), 1.0 / 3)
        XCTAssertEqual(matrix.description, """
            true\\pred 0 1 2
                    0 1 0 1
                    1 0 1 1
                    2 0 1 1
            """)
        let binary = ConfusionMatrix(classes: 2)
        binary.update(predictions: Tensor([[0.9], [0.2], [0.7]]), targets: Tensor([1, 1, 0]))
        XCTAssertEqual(binary.counts, [[0, 1], [1, 1]])
        matrix.reset()
        XCTAssertEqual(matrix.total, 0)
    }

    func testFactoriesAndFitReportKerasNames() throws {
        XCTAssertEqual(Metric.sparseCategoricalAccuracy.name, "sparse_categorical_accuracy")
        XCTAssertEqual(Metric.categoricalAccuracy.name, "categorical_accuracy")
        XCTAssertEqual(Metric.binaryAccuracy.name, "binary_accuracy")
        XCTAssertEqual((Metric.confusionMatrix(classes: 4) as! ConfusionMatrix).classes, 4)

        Synapse.seed(8)
        let (x, labels) = teacherLabelledData(count: 200, seed: 12)
        let oneHot = Tensor(shape: [200, 3], scalars: labels.scalars.flatMap { label in (0..<3).map { Float($0) == label ? 1 : 0 } })
        let model = SimpleNetwork()
        model.compile(optimizer: .adam(learningRate: 0.01), loss: .categoricalCrossentropy,
                      metrics: [.categoricalAccuracy, .mean(of: .categoricalCrossentropy)])
        let history = try model.fit(x, oneHot, epochs: 4, validationSplit: 0.25, verbose: .silent)
        XCTAssertEqual(history["categorical_accuracy"].count, 4)
        XCTAssertEqual(history["val_categorical_accuracy"].count, 4)
        XCTAssertGreaterThan(history["categorical_accuracy"].last!, 0.7)
        // Evaluated with the same weights, the Mean of the loss is the loss.
        let evaluation = try model.evaluate(x, oneHot, verbose: .silent)
        XCTAssertEqual(evaluation.metrics["categorical_crossentropy"]!, evaluation.loss, accuracy: 1e-5)
    }
}

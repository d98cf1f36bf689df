import Foundation
import XCTest
@testable import Synapse

/// Two inputs and two targets for `FunctionalMultiIOFixtureTests.makeModel`'s
/// model: a score that is a linear function of both inputs, and a class that
/// is the argmax of a's first three features plus b.
func twoInputTwoOutputData(count: Int, seed: UInt64) -> (x: [Tensor], y: [Tensor]) {
    let a = Tensor.randomNormal([count, 4], seed: seed), b = Tensor.randomNormal([count, 3], seed: seed + 1)
    let score = a.slice(alongAxis: 1, 0 ..< 2).sum(alongAxis: 1, keepingDimensions: true) - b.slice(alongAxis: 1, 0 ..< 1)
    let classes = (a.slice(alongAxis: 1, 0 ..< 3) + b).argmax(alongAxis: 1)
    return ([a, b], [score, classes])
}

/// Training a functional model with several inputs and outputs, as Keras's
/// `fit(x=[xa, xb], y=[ya, yb])`: both losses fall, logs and History use
/// Keras's names, validation works, predict returns one tensor per output,
/// and the compiled losses survive save, load and resume.
final class FunctionalMultiIOTrainingTests: XCTestCase {
    private func makeCompiledModel(seed: UInt64 = 1) throws -> Functional {
        Synapse.seed(seed)
        let model = FunctionalMultiIOFixtureTests.makeModel()
        try model.compile(optimizer: .adam(learningRate: 0.02), loss: [.meanSquaredError, .sparseCategoricalCrossentropy],
                          lossWeights: [0.5, 2], metrics: [[], [.accuracy]])
        return model
    }

    func testTrainingWithTwoLossesLowersBothAndLogsThemUnderKerasNames() throws {
        let model = try makeCompiledModel()
        let data = twoInputTwoOutputData(count: 256, seed: 3)
        let history = try model.fit(data.x, data.y, epochs: 20, batchSize: 32, validationSplit: 0.25, verbose: .silent)
        XCTAssertEqual(Set(history.values.keys), ["loss", "score_loss", "classes_loss", "classes_accuracy",
                                                  "val_loss", "val_score_loss", "val_classes_loss", "val_classes_accuracy"])
        XCTAssertLessThan(history["score_loss"].last!, history["score_loss"].first! * 0.5)
        XCTAssertLessThan(history["classes_loss"].last!, history["classes_loss"].first! * 0.8)
        XCTAssertLessThan(history["val_classes_loss"].last!, history["val_classes_loss"].first!)
        XCTAssertGreaterThan(history["val_classes_accuracy"].last!, 0.7)
        // The logged total is the weighted sum of the logged output losses.
        for epoch in history.epochs {
            XCTAssertEqual(history["loss"][epoch], 0.5 * history["score_loss"][epoch] + 2 * history["classes_loss"][epoch],
                           accuracy: 1e-4 * history["loss"][epoch])
        }
        let held = twoInputTwoOutputData(count: 64, seed: 4)
        let evaluation = try model.evaluate(held.x, held.y, verbose: .silent)
        XCTAssertGreaterThan(evaluation.metrics["classes_accuracy"] ?? 0, 0.7)
        XCTAssertEqual(evaluation.loss, 0.5 * evaluation.metrics["score_loss"]! + 2 * evaluation.metrics["classes_loss"]!,
                       accuracy: 1e-4 * evaluation.loss)
    }

    func testValidationDataIsScoredLikeEvaluate() throws {
        let model = try makeCompiledModel()
        let data = twoInputTwoOutputData(count: 64, seed: 5), held = twoInputTwoOutputData(count: 40, seed: 6)
        let history = try model.fit(data.x, data.y, epochs: 1, batchSize: 16, validationData: (held.x, held.y), verbose: .silent)
        let evaluation = try model.evaluate(held.x, held.y, batchSize: 7, verbose: .silent)
        XCTAssertEqual(history["val_loss"][0], evaluation.loss, accuracy: 1e-5)
        XCTAssertEqual(history["val_score_loss"][0], evaluation.metrics["score_loss"]!, accuracy: 1e-5)
        XCTAssertEqual(history["val_classes_accuracy"][0], evaluation.metrics["classes_accuracy"]!)
    }

    func testPredictReturnsOneTensorPerOutputInBatches() throws {
        let model = try makeCompiledModel()
        let data = twoInputTwoOutputData(count: 10, seed: 7)
        let predictions = try model.predict(data.x, batchSize: 4)
        XCTAssertEqual(predictions.map(\.shape), [[10, 1], [10, 3]])
        let direct = model(data.x)
        assertClose(predictions[0], direct[0], tolerance: 1e-6)
        assertClose(predictions[1], direct[1], tolerance: 1e-6)
    }

    func testOneLossServesEveryOutputWithTheMetricsOfEach() throws {
        Synapse.seed(2)
        let model = FunctionalMultiIOFixtureTests.makeModel()
        model.compile(optimizer: .sgd(learningRate: 0.05), loss: .meanSquaredError, metrics: [.mean(of: .meanAbsoluteError)])
        let data = twoInputTwoOutputData(count: 32, seed: 8)
        let y = [data.y[0], Tensor.randomNormal([32, 3], seed: 9)]
        let evaluation = try model.evaluate(data.x, y, verbose: .silent)
        XCTAssertEqual(Set(evaluation.metrics.keys), ["score_loss", "classes_loss", "score_mean_absolute_error", "classes_mean_absolute_error"])
        let predictions = try model.predict(data.x)
        let mse = Loss.meanSquaredError
        let expected = Double(mse(predictions: predictions[0], targets: y[0]).scalar + mse(predictions: predictions[1], targets: y[1]).scalar)
        XCTAssertEqual(evaluation.loss, expected, accuracy: 1e-5)
    }

    func testAnOutputWithoutALossIsNotTrainedButIsMeasured() throws {
        Synapse.seed(3)
        let model = FunctionalMultiIOFixtureTests.makeModel()
        try model.compile(optimizer: .sgd(learningRate: 0.1), loss: ["score": .meanSquaredError], metrics: ["classes": [.accuracy]])
        let data = twoInputTwoOutputData(count: 32, seed: 10)
        let classesKernel = try XCTUnwrap(model.namedParameters.first { $0.name == "classes.kernel" }).parameter
        let before = classesKernel.value
        let history = try model.fit(data.x, data.y, epochs: 2, batchSize: 8, verbose: .silent)
        XCTAssertEqual(classesKernel.value, before, "no loss reaches the classes head")
        XCTAssertEqual(Set(history.values.keys), ["loss", "score_loss", "classes_accuracy"])
        XCTAssertEqual(history["loss"], history["score_loss"])
    }

    func testArraysKeyedByNameTrainAsTheListsDo() throws {
        let data = twoInputTwoOutputData(count: 48, seed: 14)
        let listed = try makeCompiledModel().fit(data.x, data.y, epochs: 2, batchSize: 16, validationSplit: 0.25, verbose: .silent)
        let model = try makeCompiledModel()
        let keyed = try model.fit(["b": data.x[1], "a": data.x[0]], ["classes": data.y[1], "score": data.y[0]],
                                  epochs: 2, batchSize: 16, validationSplit: 0.25, verbose: .silent)
        XCTAssertEqual(keyed, listed)
        let predictions = try model.predict(["a": data.x[0], "b": data.x[1]])
        XCTAssertEqual(predictions.mapValues(\.shape), ["score": [48, 1], "classes": [48, 3]])
        XCTAssertEqual(try model.evaluate(["a": data.x[0], "b": data.x[1]], ["score": data.y[0], "classes": data.y[1]],
                                          verbose: .silent).loss,
                       try model.evaluate(data.x, data.y, verbose: .silent).loss)
        XCTAssertThrowsError(try model.fit(["a": data.x[0]], ["score": data.y[0], "classes": data.y[1]], verbose: .silent)) { error in
            XCTAssertTrue("\(error)".contains("no array for the input 'b'"), "\(error)")
        }
        XCTAssertThrowsError(try model.predict(["a": data.x[0], "b": data.x[1], "c": data.x[1]])) { error in
            XCTAssertTrue("\(error)".contains("'c' is not an input"), "\(error)")
        }
        XCTAssertThrowsError(try model.evaluate(["a": data.x[0], "b": data.x[1]], ["score": data.y[0]], verbose: .silent)) { error in
            XCTAssertTrue("\(error)".contains("no array for the output 'classes'"), "\(error)")
        }
    }

    func testBatchesTakeTheSameRowsOfEveryArray() throws {
        let rows = Tensor((0 ..< 6).map(Float.init))
        let source = try TensorArraysBatchSource(inputs: [rows.reshaped(to: [6, 1]), rows * 10],
                                                 targets: [rows * 100, (rows * 1000).reshaped(to: [6, 1, 1])])
        let (inputs, targets) = source.arrays(at: [4, 1, 5])
        XCTAssertEqual(inputs.map(\.scalars), [[4, 1, 5], [40, 10, 50]])
        XCTAssertEqual(targets.map(\.scalars), [[400, 100, 500], [4000, 1000, 5000]])
        XCTAssertEqual(targets[1].shape, [3, 1, 1])
        XCTAssertEqual(source.inputShapes, [[1], []])
        let subset = SubsetBatchSource(source, range: 2 ..< 6)
        XCTAssertEqual(subset.arrays(at: [1, 0]).targets[0].scalars, [300, 200])
    }

    func testPerOutputCompileSettingsSurviveSaveAndLoad() throws {
        let model = try makeCompiledModel()
        let data = twoInputTwoOutputData(count: 32, seed: 11)
        try model.fit(data.x, data.y, epochs: 1, batchSize: 16, verbose: .silent)
        let url = try makeTemporaryDirectory(self).appendingPathComponent("two-heads.synapse")
        try model.save(to: url)
        let loaded = try Model.load(from: url)
        let outputs = try XCTUnwrap(loaded.compiled?.outputs)
        XCTAssertEqual(outputs.map { $0.loss?.name }, ["mean_squared_error", "sparse_categorical_crossentropy"])
        XCTAssertEqual(outputs.map(\.weight), [0.5, 2])
        XCTAssertEqual(outputs.map { $0.metrics.map(\.name) }, [[], ["accuracy"]])
        let expected = try model.evaluate(data.x, data.y, verbose: .silent)
        let actual = try loaded.evaluate(data.x, data.y, verbose: .silent)
        XCTAssertEqual(actual.loss, expected.loss, accuracy: 1e-6)
        XCTAssertEqual(actual.metrics.keys.sorted(), expected.metrics.keys.sorted())
        // A loaded model trains on with the same per-output losses.
        XCTAssertNoThrow(try loaded.fit(data.x, data.y, epochs: 1, batchSize: 16, verbose: .silent))
    }

    func testResumingFromACheckpointMatchesAnUninterruptedRun() throws {
        let data = twoInputTwoOutputData(count: 48, seed: 12)
        let uninterrupted = try makeCompiledModel()
        let full = try uninterrupted.fit(data.x, data.y, epochs: 3, batchSize: 16, verbose: .silent)

        let checkpoint = try makeTemporaryDirectory(self).appendingPathComponent("checkpoint")
        try makeCompiledModel().fit(data.x, data.y, epochs: 2, batchSize: 16,
                                    callbacks: [ModelCheckpoint(directory: checkpoint)], verbose: .silent)
        let resumed = try makeCompiledModel(seed: 99)
        let history = try resumed.fit(data.x, data.y, epochs: 3, batchSize: 16, verbose: .silent, resumeFrom: checkpoint)
        XCTAssertEqual(history, full)
        XCTAssertEqual(resumed.parameters.map(\.value), uninterrupted.parameters.map(\.value))
    }

    func testAOneOutputModelKeepsItsPlainLogNames() throws {
        Synapse.seed(4)
        let input = Input(shape: [6])
        let model = Functional(inputs: input, outputs: Dense(3, activation: .softmax)(Dense(8, activation: .relu)(input)))
        model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let (x, y) = teacherLabelledData(count: 40, seed: 13)
        let history = try model.fit([x], [y], epochs: 1, batchSize: 8, validationSplit: 0.25, verbose: .silent)
        XCTAssertEqual(Set(history.values.keys), ["loss", "accuracy", "val_loss", "val_accuracy"])
        XCTAssertEqual(try model.predict([x]).map(\.shape), [[40, 3]])
    }
}

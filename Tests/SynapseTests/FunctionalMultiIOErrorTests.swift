import Foundation
import XCTest
@testable import Synapse

/// Bad arguments to the several-inputs-and-outputs `compile`, `fit`,
/// `evaluate` and `predict` throw typed errors that say which array or
/// output is wrong and what to do, and change nothing.
final class FunctionalMultiIOErrorTests: XCTestCase {
    private func makeCompiledModel() throws -> Functional {
        Synapse.seed(1)
        let model = FunctionalMultiIOFixtureTests.makeModel()
        try model.compile(optimizer: .sgd(), loss: [.meanSquaredError, .sparseCategoricalCrossentropy])
        return model
    }

    private func assertThrows(_ expression: @autoclosure () throws -> some Any, mentioning phrases: [String],
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try expression(), file: file, line: line) { error in
            XCTAssertTrue(error is LayerError, "\(type(of: error)): \(error)", file: file, line: line)
            for phrase in phrases {
                XCTAssertTrue("\(error)".contains(phrase), "'\(phrase)' not in: \(error)", file: file, line: line)
            }
        }
    }

    func testTheWrongNumberOfLossesWeightsOrMetricListsIsRejectedAtCompile() {
        let model = FunctionalMultiIOFixtureTests.makeModel()
        assertThrows(try model.compile(optimizer: .sgd(), loss: [.meanSquaredError]),
                     mentioning: ["1 losses", "2 outputs (score, classes)", "one per output"])
        assertThrows(try model.compile(optimizer: .sgd(), loss: [.meanSquaredError, .meanSquaredError], lossWeights: [1, 2, 3]),
                     mentioning: ["3 loss weights", "2 outputs"])
        assertThrows(try model.compile(optimizer: .sgd(), loss: [.meanSquaredError, .meanSquaredError], metrics: [[.accuracy]]),
                     mentioning: ["1 metric lists"])
        assertThrows(try model.compile(optimizer: .sgd(), loss: ["scores": .meanSquaredError]),
                     mentioning: ["'scores' is not an output", "score, classes"])
        assertThrows(try model.compile(optimizer: .sgd(), loss: ["score": .meanSquaredError], lossWeights: ["class": 1]),
                     mentioning: ["'class' is not an output"])
        assertThrows(try model.compile(optimizer: .sgd(), loss: [String: Loss]()), mentioning: ["no output", "has a loss"])
        XCTAssertNil(model.compiled, "a rejected compile leaves the model uncompiled")
    }

    func testTheWrongNumberOfInputOrTargetArraysIsRejected() throws {
        let model = try makeCompiledModel()
        let data = twoInputTwoOutputData(count: 8, seed: 2)
        let before = model.parameters.map(\.value)
        assertThrows(try model.fit([data.x[0]], data.y, verbose: .silent),
                     mentioning: ["takes 2 inputs (a, b)", "1 input arrays", "one array per input"])
        assertThrows(try model.fit(data.x, [data.y[0]], verbose: .silent),
                     mentioning: ["2 outputs (score, classes)", "1 target arrays", "one per output"])
        assertThrows(try model.evaluate(data.x, data.y + [data.y[0]], verbose: .silent), mentioning: ["3 target arrays"])
        assertThrows(try model.predict(data.x + [data.x[1]]), mentioning: ["3 input arrays"])
        assertThrows(try model.fit(data.x[0], data.y[0], verbose: .silent), mentioning: ["1 input arrays"])
        assertThrows(try model.predict(data.x[0]), mentioning: ["2 inputs and 2 outputs", "fit([xa, xb], [ya, yb])"])
        assertThrows(try model.fit([], [], verbose: .silent), mentioning: ["0 input arrays and 0 target arrays"])
        XCTAssertEqual(model.parameters.map(\.value), before, "nothing was trained")
    }

    func testArraysWithDifferentExampleCountsAreRejected() throws {
        let model = try makeCompiledModel()
        let data = twoInputTwoOutputData(count: 8, seed: 3)
        assertThrows(try model.fit([data.x[0], data.x[1][0 ..< 7]], data.y, verbose: .silent),
                     mentioning: ["input 2 of 2 has 7 examples", "input 1 has 8"])
        assertThrows(try model.fit(data.x, [data.y[0], data.y[1][0 ..< 5]], verbose: .silent),
                     mentioning: ["target 2 of 2 has 5 examples"])
        assertThrows(try model.fit(data.x, data.y, validationData: (data.x, [data.y[0][0 ..< 3], data.y[1]]), verbose: .silent),
                     mentioning: ["validationData:", "target 1 of 2 has 3 examples"])
        assertThrows(try model.predict([data.x[0][0 ..< 2], data.x[1]]), mentioning: ["input 2 of 2 has 8 examples"])
    }

    func testAnArrayWhoseExamplesDoNotFitItsInputIsRejectedByName() throws {
        let model = try makeCompiledModel()
        let data = twoInputTwoOutputData(count: 8, seed: 4)
        // The arrays in the wrong order: b's examples are [3], a takes [4].
        assertThrows(try model.fit([data.x[1], data.x[0]], data.y, verbose: .silent),
                     mentioning: ["input 1 ('a') takes examples of shape [4]", "[3]", "order of the input arrays"])
        assertThrows(try model.evaluate([data.x[0], data.x[1].reshaped(to: [8, 3, 1])], data.y, verbose: .silent),
                     mentioning: ["input 2 ('b')", "[3, 1]"])
        assertThrows(try model.predict([data.x[0], Tensor.zeros([8, 5])]), mentioning: ["input 2 ('b') takes examples of shape [3]"])
    }

    func testATargetArrayThatDoesNotFitItsOutputIsRejectedByName() throws {
        let model = try makeCompiledModel()
        let data = twoInputTwoOutputData(count: 8, seed: 7)
        // One-hot classes ([8, 3]) where a score or a class index is expected.
        assertThrows(try model.fit(data.x, [Tensor.zeros([8, 3]), data.y[1]], verbose: .silent),
                     mentioning: ["target 1 ('score') has examples of shape [3]", "mean_squared_error reads 1 value(s)"])
        assertThrows(try model.evaluate(data.x, [data.y[0], Tensor.zeros([8, 3])], verbose: .silent),
                     mentioning: ["target 2 ('classes')", "sparse_categorical_crossentropy reads 1 value(s)"])
    }

    func testABadClassLabelInTheSecondOutputNamesTheExample() throws {
        let model = try makeCompiledModel()
        let data = twoInputTwoOutputData(count: 8, seed: 5)
        var labels = data.y[1].scalars
        labels[6] = 3
        XCTAssertThrowsError(try model.fit(data.x, [data.y[0], Tensor(labels)], batchSize: 4, shuffle: false, verbose: .silent)) { error in
            XCTAssertEqual(error as? TrainingDataError, .labelOutOfRange(batch: 2, example: 6, label: 3, classCount: 3))
        }
    }

    func testASavedFileWithTheWrongNumberOfOutputLossesIsATypedError() throws {
        let model = try makeCompiledModel()
        let url = try makeTemporaryDirectory(self).appendingPathComponent("model.synapse")
        try model.save(to: url)
        let configURL = url.appendingPathComponent("config.json")
        var config = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: configURL)) as? [String: Any])
        var compile = try XCTUnwrap(config["compile"] as? [String: Any])
        var outputs = try XCTUnwrap(compile["outputs"] as? [Any])
        XCTAssertEqual(outputs.count, 2)
        outputs.append(outputs[0])
        compile["outputs"] = outputs
        config["compile"] = compile
        try JSONSerialization.data(withJSONObject: config).write(to: configURL)
        XCTAssertThrowsError(try Model.load(from: url)) { error in
            guard case ModelFileError.invalidConfiguration(_, let reason) = error else {
                return XCTFail("\(type(of: error)): \(error)")
            }
            XCTAssertTrue(reason.contains("3 output objectives") && reason.contains("2 outputs"), reason)
        }
    }

    func testPrivateOrDataParallelTrainingOfSeveralOutputsIsRejected() throws {
        let model = FunctionalMultiIOFixtureTests.makeModel()
        model.compile(optimizer: .sgd(), loss: .meanSquaredError,
                      privacy: PrivacySettings(noiseMultiplier: 1, maxGradNorm: 1))
        let data = twoInputTwoOutputData(count: 8, seed: 6)
        assertThrows(try model.fit(data.x, [data.y[0], Tensor.zeros([8, 3])], verbose: .silent),
                     mentioning: ["one input and one output"])
    }
}

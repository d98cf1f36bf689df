import Foundation
import XCTest
@testable import Synapse

/// The values Fixtures/functional/generate_multi_io_fixtures.py computed with
/// Keras 3 for a two-input, two-output functional model.
struct MultiIOFixture: Decodable {
    /// A stored tensor (the same form as the text fixtures').
    typealias Values = TextFixtureCase.Values
    let learning_rate: Float
    let loss_weights: [Float]
    let inputs: [String: Values]
    let targets: [String: Values]
    let initial_weights: [String: Values]
    let evaluation_before: [String: Double]
    let predictions_before: [String: Values]
    let weights_after_step: [String: Values]
    let evaluation_after: [String: Double]
    let predictions_after: [String: Values]

    static func load() throws -> MultiIOFixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "multi_io_fixtures", withExtension: "json",
                                                  subdirectory: "Fixtures/functional"),
                                "Fixtures/functional/multi_io_fixtures.json is missing")
        return try JSONDecoder().decode(MultiIOFixture.self, from: Data(contentsOf: url))
    }
}

/// A two-input, two-output functional model compiled with two losses and
/// loss weights agrees with Keras 3 on one fixed batch: each output's loss,
/// the weighted total, the accuracy, the predictions, and the weights after
/// one SGD step (1e-4, relative above 1).
final class FunctionalMultiIOFixtureTests: XCTestCase {
    /// The fixture's model: a → dense_a (relu), b → dense_b (tanh),
    /// concatenated, then `score` (linear, 1) and `classes` (softmax, 3).
    static func makeModel(weights: [String: MultiIOFixture.Values]? = nil) -> Functional {
        let a = Input(shape: [4], name: "a"), b = Input(shape: [3], name: "b")
        let denseA = Dense(5, activation: .relu).named("dense_a"), denseB = Dense(5, activation: .tanh).named("dense_b")
        let joined = Concatenate()([denseA(a), denseB(b)])
        let score = Dense(1).named("score"), classes = Dense(3, activation: .softmax).named("classes")
        let model = Functional(inputs: [a, b], outputs: [score(joined), classes(joined)])
        if let weights {
            for (name, parameter) in model.namedParameters {
                guard let values = weights[name] else { XCTFail("the fixture has no \(name)"); continue }
                parameter.value = values.tensor
            }
        }
        return model
    }

    func testLossesOneSGDStepEvaluateAndPredictMatchKeras() throws {
        let fixture = try MultiIOFixture.load()
        let model = Self.makeModel(weights: fixture.initial_weights)
        try model.compile(optimizer: .sgd(learningRate: fixture.learning_rate),
                          loss: [.meanSquaredError, .sparseCategoricalCrossentropy],
                          lossWeights: fixture.loss_weights, metrics: [[], [.accuracy]])
        let x = [fixture.inputs["a"]!.tensor, fixture.inputs["b"]!.tensor]
        let y = [fixture.targets["score"]!.tensor, fixture.targets["classes"]!.tensor]

        let before = try model.evaluate(x, y, batchSize: 8, verbose: .silent)
        assertMatches(before, fixture.evaluation_before, "before the step")
        assertPredictions(try model.predict(x), fixture.predictions_before, "before the step")

        // One SGD step on the whole batch; the epoch's logs are the batch's
        // losses before the update, as Keras's are.
        let history = try model.fit(x, y, epochs: 1, batchSize: 8, shuffle: false, verbose: .silent)
        for (name, expected) in fixture.evaluation_before {
            XCTAssertEqual(history[name].first ?? .nan, expected, accuracy: 1e-4 * max(1, abs(expected)), "History \(name)")
        }
        for (name, parameter) in model.namedParameters {
            assertClose(parameter.value, try XCTUnwrap(fixture.weights_after_step[name]).tensor, tolerance: 1e-4,
                        "\(name) after one SGD step")
        }
        assertMatches(try model.evaluate(x, y, verbose: .silent), fixture.evaluation_after, "after the step")
        // Batches of 3 give the same predictions as one batch.
        assertPredictions(try model.predict(x, batchSize: 3), fixture.predictions_after, "after the step")
    }

    func testTheTotalLossIsTheWeightedSumOfTheOutputLosses() throws {
        let fixture = try MultiIOFixture.load()
        let model = Self.makeModel(weights: fixture.initial_weights)
        try model.compile(optimizer: .sgd(), loss: ["classes": .sparseCategoricalCrossentropy, "score": .meanSquaredError],
                          lossWeights: ["score": 0.5, "classes": 2])
        let x = [fixture.inputs["a"]!.tensor, fixture.inputs["b"]!.tensor]
        let y = [fixture.targets["score"]!.tensor, fixture.targets["classes"]!.tensor]
        let evaluation = try model.evaluate(x, y, batchSize: 3, verbose: .silent)
        let scoreLoss = try XCTUnwrap(evaluation.metrics["score_loss"]), classesLoss = try XCTUnwrap(evaluation.metrics["classes_loss"])
        XCTAssertEqual(evaluation.loss, 0.5 * scoreLoss + 2 * classesLoss, accuracy: 1e-5)
        XCTAssertEqual(evaluation.loss, fixture.evaluation_before["loss"]!, accuracy: 1e-4 * fixture.evaluation_before["loss"]!)
        XCTAssertEqual(Set(evaluation.metrics.keys), ["score_loss", "classes_loss"])
    }

    private func assertMatches(_ evaluation: Evaluation, _ expected: [String: Double], _ when: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Set(evaluation.metrics.keys).union(["loss"]), Set(expected.keys), when, file: file, line: line)
        for (name, value) in expected {
            let actual = name == "loss" ? evaluation.loss : evaluation.metrics[name] ?? .nan
            XCTAssertEqual(actual, value, accuracy: 1e-4 * max(1, abs(value)), "\(name) \(when)", file: file, line: line)
        }
    }

    private func assertPredictions(_ predictions: [Tensor], _ expected: [String: MultiIOFixture.Values], _ when: String,
                                   file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(predictions.count, 2, file: file, line: line)
        guard predictions.count == 2 else { return }
        assertClose(predictions[0], expected["score"]!.tensor, tolerance: 1e-4, "score \(when)", file: file, line: line)
        assertClose(predictions[1], expected["classes"]!.tensor, tolerance: 1e-4, "classes \(when)", file: file, line: line)
    }
}

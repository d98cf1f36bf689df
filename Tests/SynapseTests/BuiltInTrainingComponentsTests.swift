import Foundation
import XCTest
@testable import Synapse

/// Every built-in optimizer, loss and metric survives a save and a load
/// with no registration.
final class BuiltInTrainingComponentsTests: XCTestCase {
    /// Saves a small model compiled with `optimizer`, `loss` and `metrics`, and loads it back.
    private func roundTrip(optimizer: Optimizer, loss: Loss, metrics: [Metric]) throws -> Model {
        Synapse.seed(2)
        let model = Sequential([Dense(4, activation: .relu), Dense(3, activation: .softmax)])
        model.compile(optimizer: optimizer, loss: loss, metrics: metrics)
        try model.build(inputShape: [5])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("model.synapse")
        try model.save(to: url)
        return try Model.load(from: url)
    }

    func testEveryOptimizerLoadsWithItsArguments() throws {
        let optimizers: [Optimizer] = [
            Adam(learningRate: 0.002, beta1: 0.8, beta2: 0.99, epsilon: 1e-6),
            AdamW(learningRate: 0.003, weightDecay: 0.01, beta1: 0.85, beta2: 0.95, epsilon: 1e-5),
            SGD(learningRate: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.001),
            RMSprop(learningRate: 0.004, rho: 0.8, momentum: 0.5, epsilon: 1e-6, centered: true, weightDecay: 0.002),
            Adagrad(learningRate: 0.02, initialAccumulatorValue: 0.2, epsilon: 1e-6, weightDecay: 0.003),
        ]
        XCTAssertEqual(Set(optimizers.map(\.name)), Set(BuiltInTrainingComponents.optimizers.keys), "every built-in is tried")
        for optimizer in optimizers {
            let loaded = try roundTrip(optimizer: optimizer, loss: SparseCategoricalCrossentropy(), metrics: [Accuracy()])
            let restored = try XCTUnwrap(loaded.compiled?.optimizer, optimizer.name)
            XCTAssertTrue(type(of: restored) == type(of: optimizer), optimizer.name)
            XCTAssertEqual(restored.configuration, optimizer.configuration, optimizer.name)
        }
    }

    func testEveryLossLoadsWithItsArguments() throws {
        let losses: [Loss] = [
            SparseCategoricalCrossentropy(fromLogits: true), CategoricalCrossentropy(fromLogits: true),
            BinaryCrossentropy(fromLogits: true), MeanSquaredError(), MeanAbsoluteError(),
        ]
        XCTAssertEqual(Set(losses.map(\.name)), Set(BuiltInTrainingComponents.losses.keys), "every built-in is tried")
        for loss in losses {
            let loaded = try roundTrip(optimizer: SGD(), loss: loss, metrics: [])
            let restored = try XCTUnwrap(loaded.compiled?.loss, loss.name)
            XCTAssertTrue(type(of: restored) == type(of: loss), loss.name)
            let entry = try XCTUnwrap(TrainingRegistry.lossEntry(loss.name))
            XCTAssertEqual(entry.configuration(restored), entry.configuration(loss), loss.name)
        }
    }

    func testEveryMetricLoadsWithItsNameAndArguments() throws {
        let metrics: [Metric] = [
            Accuracy(name: "acc"), BinaryAccuracy(name: "bin", threshold: 0.25), CategoricalAccuracy(),
            SparseCategoricalAccuracy(), ConfusionMatrix(classes: 3), Mean(name: "xent", of: SparseCategoricalCrossentropy(fromLogits: true)),
        ]
        let loaded = try roundTrip(optimizer: Adam(), loss: SparseCategoricalCrossentropy(), metrics: metrics)
        let restored = try XCTUnwrap(loaded.compiled?.metrics)
        XCTAssertEqual(restored.map(\.name), metrics.map(\.name))
        XCTAssertEqual(restored.map { "\(type(of: $0))" }, metrics.map { "\(type(of: $0))" })
        XCTAssertEqual((restored[1] as? BinaryAccuracy)?.threshold, 0.25)
        XCTAssertEqual((restored[4] as? ConfusionMatrix)?.classes, 3)
        let mean = try XCTUnwrap(restored[5] as? Mean)
        XCTAssertEqual((mean.loss as? SparseCategoricalCrossentropy)?.fromLogits, true)
    }

    func testMetricsSavedByNameOnlyStillLoad() throws {
        let loaded = try roundTrip(optimizer: Adam(), loss: SparseCategoricalCrossentropy(), metrics: [SparseCategoricalAccuracy()])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("old.synapse")
        try loaded.save(to: url)
        // As written before metric_arguments existed.
        let configURL = url.appendingPathComponent("config.json")
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: configURL)) as? [String: Any])
        var compile = try XCTUnwrap(json["compile"] as? [String: Any])
        compile["metric_arguments"] = nil
        json["compile"] = compile
        try JSONSerialization.data(withJSONObject: json).write(to: configURL)
        XCTAssertEqual(try Model.load(from: url).compiled?.metrics.map(\.name), ["sparse_categorical_accuracy"])
    }

    func testAHugeSavedConfusionMatrixIsRefused() throws {
        XCTAssertThrowsError(try BuiltInMetricArguments.makeMetric(
            named: "cm", arguments: ["kind": .string("confusion_matrix"), "classes": .int(1 << 20)])) { error in
            XCTAssertTrue("\(error)".contains("above the 1024"), "\(error)")
        }
        // Beyond any layer number a configuration may hold, the generic bound answers first.
        XCTAssertThrowsError(try BuiltInMetricArguments.makeMetric(
            named: "cm", arguments: ["kind": .string("confusion_matrix"), "classes": .int(1 << 40)])) { error in
            XCTAssertTrue("\(error)".contains("'classes'"), "\(error)")
        }
        XCTAssertThrowsError(try BuiltInMetricArguments.makeMetric(named: "m", arguments: ["kind": .string("f1")]))
    }

    func testAnOutOfRangeSavedArgumentThrowsInsteadOfTrapping() throws {
        let factory = try XCTUnwrap(BuiltInTrainingComponents.optimizers["rmsprop"])
        XCTAssertThrowsError(try factory(["rho": .double(3)])) { error in
            XCTAssertEqual(error as? ConfigurationError,
                           .invalidArgument(layerType: "rmsprop", argument: "rho", reason: "is out of range: 3.0"))
        }
    }
}

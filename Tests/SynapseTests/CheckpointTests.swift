import Foundation
import XCTest
@testable import Synapse

/// Stops `fit` after a given epoch, like a crash at an epoch boundary.
final class StopAfterEpoch: Callback {
    let epoch: Int
    init(_ epoch: Int) { self.epoch = epoch }
    override func epochDidEnd(_ epoch: Int, model: Model, logs: [String: Double]) {
        if epoch == self.epoch { model.stopTraining = true }
    }
}

final class CheckpointTests: XCTestCase {
    private let data = teacherLabelledData(count: 120, seed: 21)

    /// A small Dense model with dropout, so the random generator matters.
    private func makeModel(seed: UInt64) -> Sequential {
        Synapse.seed(seed)
        let model = Sequential([Dense(12, activation: .relu), Dropout(0.3), Dense(3, activation: .softmax)])
        model.compile(optimizer: .adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        return model
    }

    private func fitArguments() -> (Tensor, Tensor) { (data.x, data.y) }

    func testResumingAtEpochFiveIsBitIdenticalToAnUninterruptedRun() throws {
        let (x, y) = fitArguments()
        let uninterrupted = makeModel(seed: 11)
        let fullHistory = try uninterrupted.fit(x, y, epochs: 10, batchSize: 16, validationSplit: 0.2, verbose: .silent)

        let url = try makeTemporaryDirectory(self).appendingPathComponent("checkpoint")
        let interrupted = makeModel(seed: 11)
        try interrupted.fit(x, y, epochs: 10, batchSize: 16, validationSplit: 0.2,
                            callbacks: [ModelCheckpoint(directory: url), StopAfterEpoch(4)], verbose: .silent)
        let checkpoint = try TrainingCheckpoint(contentsOf: url)
        XCTAssertEqual(checkpoint.epoch, 4)
        XCTAssertEqual(checkpoint.step, 5 * 6)  // 96 training examples in batches of 16

        // A fresh process would start with other weights and another random state.
        let resumed = makeModel(seed: 999)
        Synapse.seed(12345)
        let history = try resumed.fit(x, y, epochs: 10, batchSize: 16, validationSplit: 0.2, verbose: .silent, resumeFrom: url)

        let expected = uninterrupted.parameters.map { $0.value.scalars.map(\.bitPattern) }
        XCTAssertEqual(resumed.parameters.map { $0.value.scalars.map(\.bitPattern) }, expected)
        XCTAssertEqual(history, fullHistory)
        XCTAssertEqual(resumed.compiled?.optimizer.iterations, uninterrupted.compiled?.optimizer.iterations)
    }

    func testResumingWithoutRestoringTheRandomStateWouldDiffer() throws {
        // Guards the test above: the random state is what makes it exact.
        let (x, y) = fitArguments()
        let url = try makeTemporaryDirectory(self).appendingPathComponent("checkpoint")
        let reference = makeModel(seed: 11)
        try reference.fit(x, y, epochs: 10, batchSize: 16, callbacks: [ModelCheckpoint(directory: url), StopAfterEpoch(4)], verbose: .silent)
        try reference.fit(x, y, epochs: 10, batchSize: 16, verbose: .silent, resumeFrom: url)
        let other = makeModel(seed: 1)
        try TrainingCheckpoint(contentsOf: url).restore(into: other)
        Synapse.seed(4242)  // the wrong random state
        try other.fit(TensorBatchSource(inputs: x, targets: y), epochs: 10, batchSize: 16, verbose: .silent, initialEpoch: 5)
        XCTAssertNotEqual(other.parameters.map(\.value), reference.parameters.map(\.value))
    }

    func testAnUncompiledUnbuiltModelResumesWithTheSavedSettings() throws {
        let (x, y) = fitArguments()
        let url = try makeTemporaryDirectory(self).appendingPathComponent("checkpoint")
        let model = makeModel(seed: 2)
        try model.fit(x, y, epochs: 3, batchSize: 32, callbacks: [ModelCheckpoint(directory: url)], verbose: .silent)
        let restored = try Model.load(from: TrainingCheckpoint.modelURL(in: url))
        XCTAssertEqual(try restored.predict(x), try model.predict(x))
        let bare = Sequential([Dense(12, activation: .relu), Dropout(0.3), Dense(3, activation: .softmax)])
        try TrainingCheckpoint(contentsOf: url).restore(into: bare)
        XCTAssertEqual(bare.compiled?.optimizer.iterations, model.compiled?.optimizer.iterations)
        XCTAssertEqual(bare.compiled?.optimizer.slots.count, 4)
        XCTAssertEqual(try bare.predict(x), try model.predict(x))
    }

    func testSaveBestOnlyKeepsTheBestEpoch() throws {
        let (x, y) = fitArguments()
        let url = try makeTemporaryDirectory(self).appendingPathComponent("best")
        let model = makeModel(seed: 3)
        let callback = ModelCheckpoint(directory: url, saveBestOnly: true, monitor: "val_loss")
        let history = try model.fit(x, y, epochs: 6, batchSize: 16, validationSplit: 0.25, callbacks: [callback], verbose: .silent)
        let losses = history["val_loss"]
        let bestEpoch = losses.indices.min { losses[$0] < losses[$1] }!
        let checkpoint = try TrainingCheckpoint(contentsOf: url)
        XCTAssertEqual(checkpoint.epoch, bestEpoch)
        XCTAssertEqual(checkpoint.monitored?.name, "val_loss")
        XCTAssertEqual(checkpoint.monitored?.best, losses[bestEpoch])
        XCTAssertEqual(callback.best, losses[bestEpoch])
        XCTAssertEqual(ModelCheckpoint(directory: url, monitor: "val_accuracy").mode, .auto)
    }

    func testADifferentOptimizerIsRefusedBeforeAnythingChanges() throws {
        let (x, y) = fitArguments()
        let url = try makeTemporaryDirectory(self).appendingPathComponent("checkpoint")
        try makeModel(seed: 4).fit(x, y, epochs: 1, batchSize: 32, callbacks: [ModelCheckpoint(directory: url)], verbose: .silent)
        final class Plain: Optimizer {
            init() { super.init(name: "plain", learningRate: 0.1) }
            override func apply(to parameter: Parameter, gradient: Tensor, learningRate: Float) {}
        }
        let model = makeModel(seed: 5)
        model.compile(optimizer: Plain(), loss: .sparseCategoricalCrossentropy)
        try model.build(inputShape: [6])
        let before = model.parameters.map(\.value)
        XCTAssertThrowsError(try model.fit(x, y, epochs: 2, verbose: .silent, resumeFrom: url)) { error in
            guard case let .optimizerMismatch(_, saved, current)? = error as? CheckpointError else { return XCTFail("\(error)") }
            XCTAssertEqual([saved, current], ["adam", "plain"])
        }
        XCTAssertEqual(model.parameters.map(\.value), before)
    }

    func testCorruptStateIsATypedError() throws {
        let (x, y) = fitArguments()
        let url = try makeTemporaryDirectory(self).appendingPathComponent("checkpoint")
        try makeModel(seed: 4).fit(x, y, epochs: 1, batchSize: 32, callbacks: [ModelCheckpoint(directory: url)], verbose: .silent)
        let stateURL = url.appendingPathComponent("state.json")
        try Data("{\"epoch\": 1".utf8).write(to: stateURL)
        XCTAssertThrowsError(try TrainingCheckpoint(contentsOf: url)) { error in
            guard case let .invalidState(file, _)? = error as? CheckpointError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, stateURL.path)
        }
    }
}

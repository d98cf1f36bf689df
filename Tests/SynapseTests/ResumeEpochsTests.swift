import Foundation
import XCTest
@testable import Synapse

/// `fit(epochs:resumeFrom:)` with a total that does not exceed the checkpoint's epochs.
final class ResumeEpochsTests: XCTestCase {
    private let data = teacherLabelledData(count: 64, seed: 5)

    private func makeModel() -> Sequential {
        Synapse.seed(1)
        let model = Sequential([Dense(8, activation: .relu), Dense(3, activation: .softmax)])
        model.compile(optimizer: .adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy)
        return model
    }

    /// A checkpoint after three epochs.
    private func checkpointAfterThreeEpochs() throws -> URL {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("checkpoint")
        try makeModel().fit(data.x, data.y, epochs: 3, batchSize: 16,
                            callbacks: [ModelCheckpoint(directory: url)], verbose: .silent)
        return url
    }

    func testFewerEpochsThanTheCheckpointHoldsIsAnErrorNamingBothNumbers() throws {
        let url = try checkpointAfterThreeEpochs()
        let model = makeModel()
        try model.build(inputShape: [6])
        let before = model.parameters.map(\.value)
        XCTAssertThrowsError(try model.fit(data.x, data.y, epochs: 2, verbose: .silent, resumeFrom: url)) { error in
            XCTAssertEqual(error as? ResumeError,
                           .epochsBelowCheckpoint(checkpoint: url.path, completed: 3, requested: 2))
            XCTAssertTrue("\(error)".contains("3 epochs"), "\(error)")
            XCTAssertTrue("\(error)".contains("the 2 asked for"), "\(error)")
        }
        XCTAssertEqual(model.parameters.map(\.value), before, "nothing is restored before the check")
    }

    func testAsManyEpochsAsTheCheckpointHoldsTrainsNothing() throws {
        let url = try checkpointAfterThreeEpochs()
        let model = makeModel()
        let history = try model.fit(data.x, data.y, epochs: 3, verbose: .silent, resumeFrom: url)
        XCTAssertEqual(history.epochs, [0, 1, 2], "the checkpoint's history, nothing added")
        XCTAssertEqual(model.compiled?.optimizer.iterations, try TrainingCheckpoint(contentsOf: url).step)
    }

    func testAnInitialEpochBeyondEpochsIsAnError() throws {
        let model = makeModel()
        XCTAssertThrowsError(try model.fit(TensorBatchSource(inputs: data.x, targets: data.y), epochs: 2,
                                           verbose: .silent, initialEpoch: 3))
    }
}

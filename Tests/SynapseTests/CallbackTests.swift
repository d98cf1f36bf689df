import XCTest
@testable import Synapse

final class CallbackTests: XCTestCase {
    /// A built model and its data, compiled with SGD.
    func makeModel(seed: UInt64 = 1) throws -> (model: SimpleNetwork, x: Tensor, y: Tensor) {
        Synapse.seed(seed)
        let (x, y) = teacherLabelledData(count: 120, seed: seed + 100)
        let model = SimpleNetwork()
        model.compile(optimizer: .sgd(learningRate: 0.05), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        try model.build(inputShape: [6])
        return (model, x, y)
    }

    func testEarlyStoppingStopsAfterPatienceEpochsWithoutImprovement() throws {
        let (model, _, _) = try makeModel()
        let stopper = EarlyStopping(monitor: "val_loss", minDelta: 0.01, patience: 2)
        stopper.trainingWillBegin(model: model)
        let losses = [1.0, 0.8, 0.795, 0.81, 0.5]
        var stoppedAt: Int?
        for (epoch, loss) in losses.enumerated() {
            stopper.epochDidEnd(epoch, model: model, logs: ["val_loss": loss])
            if model.stopTraining { stoppedAt = epoch; break }
        }
        // 0.795 is within minDelta of 0.8, so epochs 2 and 3 do not improve.
        XCTAssertEqual(stoppedAt, 3)
        XCTAssertEqual(stopper.stoppedEpoch, 3)
        XCTAssertEqual(stopper.best, 0.8)
        XCTAssertEqual(stopper.bestEpoch, 1)
    }

    func testEarlyStoppingModes() throws {
        XCTAssertTrue(EarlyStopping(monitor: "val_accuracy").higherIsBetter)
        XCTAssertTrue(EarlyStopping(monitor: "sparse_categorical_accuracy").higherIsBetter)
        XCTAssertFalse(EarlyStopping(monitor: "val_loss").higherIsBetter)
        XCTAssertFalse(EarlyStopping(monitor: "val_accuracy", mode: .min).higherIsBetter)
        XCTAssertTrue(EarlyStopping(monitor: "loss", mode: .max).higherIsBetter)

        let (model, _, _) = try makeModel()
        let stopper = EarlyStopping(monitor: "val_accuracy", patience: 1)
        stopper.trainingWillBegin(model: model)
        for (epoch, accuracy) in [0.5, 0.6, 0.7].enumerated() {
            stopper.epochDidEnd(epoch, model: model, logs: ["val_accuracy": accuracy])
        }
        XCTAssertFalse(model.stopTraining, "rising accuracy is improving")
        stopper.epochDidEnd(3, model: model, logs: ["val_accuracy": 0.65])
        XCTAssertTrue(model.stopTraining)
    }

    func testEarlyStoppingRestoresTheBestWeights() throws {
        let (model, _, _) = try makeModel()
        let stopper = EarlyStopping(monitor: "loss", patience: 5, restoreBestWeights: true)
        stopper.trainingWillBegin(model: model)
        func setAll(_ value: Float) {
            for parameter in model.parameters {
                parameter.update { buffer in for i in buffer.indices { buffer[i] = value } }
            }
        }
        setAll(1); stopper.epochDidEnd(0, model: model, logs: ["loss": 3])
        setAll(2); stopper.epochDidEnd(1, model: model, logs: ["loss": 1])
        setAll(3); stopper.epochDidEnd(2, model: model, logs: ["loss": 2])
        stopper.trainingDidEnd(model: model, logs: [:])
        XCTAssertEqual(stopper.bestEpoch, 1)
        for parameter in model.parameters {
            XCTAssertEqual(Set(parameter.value.scalars), [2])
            XCTAssertTrue(parameter.value.requiresGradient, "restored parameters still train")
        }
    }

    func testEarlyStoppingEndsFit() throws {
        let (model, x, y) = try makeModel()
        // Nothing improves by 100, so training stops at the second epoch.
        let history = try model.fit(x, y, epochs: 10, callbacks: [EarlyStopping(monitor: "loss", minDelta: 100, patience: 1)],
                                    verbose: .silent)
        XCTAssertEqual(history.epochs, [0, 1])
    }

    func testLearningRateSchedulerSetsTheRateBeforeEachEpoch() throws {
        let (model, x, y) = try makeModel()
        var seen: [Float] = []
        let recorder = LambdaCallback(onEpochEnd: { _, _ in seen.append(model.compiled!.optimizer.learningRate) })
        let halving = LearningRateScheduler { epoch, rate in epoch == 0 ? rate : rate / 2 }
        try model.fit(x, y, epochs: 3, callbacks: [halving, recorder], verbose: .silent)
        XCTAssertEqual(seen, [0.05, 0.025, 0.0125])

        let (other, _, _) = try makeModel()
        seen = []
        let stepped = LearningRateScheduler(StepDecay(0.4, dropEvery: 2, factor: 0.5))
        let otherRecorder = LambdaCallback(onEpochEnd: { _, _ in seen.append(other.compiled!.optimizer.learningRate) })
        try other.fit(x, y, epochs: 5, callbacks: [stepped, otherRecorder], verbose: .silent)
        XCTAssertEqual(seen, [0.4, 0.4, 0.2, 0.2, 0.1])
    }

    func testCSVLoggerWritesAHeaderAndOneRowPerEpoch() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csvlogger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("log.csv").path
        let (model, x, y) = try makeModel()
        var rowsSeenAtEpochEnd: [Int] = []
        let logger = CSVLogger(path)
        let checker = LambdaCallback(onEpochEnd: { _, _ in
            rowsSeenAtEpochEnd.append(((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").count)
        })
        let history = try model.fit(x, y, epochs: 3, validationSplit: 0.25, callbacks: [logger, checker], verbose: .silent)
        XCTAssertEqual(rowsSeenAtEpochEnd, [2, 3, 4], "the file is complete after every epoch")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "epoch,accuracy,loss,val_accuracy,val_loss")
        XCTAssertEqual(lines.count, 4)
        let lastRow = lines[3].split(separator: ",").map(String.init)
        XCTAssertEqual(lastRow[0], "2")
        XCTAssertEqual(Double(lastRow[2])!, history["loss"][2], accuracy: 1e-12)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["log.csv"], "no temporary files left")
        XCTAssertNil(logger.lastError)

        // Appending keeps the rows and the header.
        try model.fit(x, y, epochs: 1, validationSplit: 0.25, callbacks: [CSVLogger(path, append: true)], verbose: .silent)
        let appended = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(appended.count, 5)
        XCTAssertEqual(appended.filter { $0.hasPrefix("epoch") }.count, 1)
    }

    func testCSVLoggerReportsAnUnwritableDirectory() throws {
        let (model, x, y) = try makeModel()
        let logger = CSVLogger("/nonexistent-directory-\(UUID().uuidString)/log.csv")
        try model.fit(x, y, epochs: 1, callbacks: [logger], verbose: .silent)
        XCTAssertNotNil(logger.lastError)
    }

    func testLambdaCallbackSeesEveryBatchAndEpoch() throws {
        let (model, x, y) = try makeModel()
        var batches: [Int] = [], epochs: [Int] = [], epochLogs: [[String: Double]] = []
        let callback = LambdaCallback(onEpochEnd: { epoch, logs in epochs.append(epoch); epochLogs.append(logs) },
                                      onBatchEnd: { batch, logs in
                                          batches.append(batch)
                                          XCTAssertNotNil(logs["loss"])
                                      })
        let history = try model.fit(x, y, epochs: 2, batchSize: 50, callbacks: [callback], verbose: .silent)
        XCTAssertEqual(batches, [0, 1, 2, 0, 1, 2], "120 examples in batches of 50")
        XCTAssertEqual(epochs, [0, 1])
        XCTAssertEqual(epochLogs.map { $0["loss"]! }, history["loss"])
        XCTAssertEqual(Set(epochLogs[0].keys), ["loss", "accuracy"])
    }
}

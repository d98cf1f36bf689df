import Foundation
import XCTest
@testable import Synapse

/// Kills a process that is writing checkpoints and checks that the last
/// complete checkpoint survives. The child is this test binary, run with
/// `SYNAPSE_CHECKPOINT_CHILD_DIR` set, executing
/// `testChildWritesCheckpointsUntilKilled`.
final class CheckpointCrashTests: XCTestCase {
    private static let childEnvironmentKey = "SYNAPSE_CHECKPOINT_CHILD_DIR"

    /// A model whose every weight equals `epoch`, so a torn checkpoint
    /// (weights of one save, state of another) is detectable.
    private static func model(filledWith epoch: Int) throws -> Sequential {
        let model = Sequential([Dense(256), Dense(256)])
        try model.build(inputShape: [256])
        model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy)
        for parameter in model.parameters { parameter.update { $0.update(repeating: Float(epoch)) } }
        return model
    }

    /// Writes checkpoints `start`, `start + 1`, … to `url` until `deadline`
    /// or `limit` checkpoints; returns the last epoch written.
    @discardableResult
    private static func writeCheckpoints(to url: URL, until deadline: Date, limit: Int = .max) throws -> Int {
        var epoch = (try? TrainingCheckpoint(contentsOf: url).epoch).map { $0 + 1 } ?? 0
        var written = 0
        while Date() < deadline && written < limit {
            var history = History()
            history.record(epoch: epoch, logs: ["loss": Double(epoch)])
            try TrainingCheckpoint.write(try model(filledWith: epoch), epoch: epoch, history: history, to: url)
            epoch += 1
            written += 1
        }
        return epoch - 1
    }

    /// Run by `testCheckpointSurvivesSIGKILLDuringWrites` as a child process
    /// (with `SYNAPSE_CHECKPOINT_CHILD_DIR` set), it writes checkpoints 0, 1,
    /// 2, … into that directory until it is killed. Run on its own, it writes
    /// three checkpoints over each other and checks that the last one is whole.
    func testChildWritesCheckpointsUntilKilled() throws {
        if let path = ProcessInfo.processInfo.environment[Self.childEnvironmentKey] {
            // Never outlive a lost parent for long.
            try Self.writeCheckpoints(to: URL(fileURLWithPath: path), until: Date().addingTimeInterval(20))
            return
        }
        let url = try makeTemporaryDirectory(self).appendingPathComponent("checkpoint")
        let last = try Self.writeCheckpoints(to: url, until: .distantFuture, limit: 3)
        XCTAssertEqual(last, 2)
        let checkpoint = try TrainingCheckpoint(contentsOf: url)
        XCTAssertEqual(checkpoint.epoch, 2)
        XCTAssertEqual(checkpoint.history.epochs, [2])
        let model = try Self.model(filledWith: -1)
        try checkpoint.restore(into: model)
        XCTAssertTrue(model.parameters.allSatisfy { $0.value.scalars.allSatisfy { $0 == 2 } },
                      "the restored weights are not all those of epoch 2")
    }

    func testCheckpointSurvivesSIGKILLDuringWrites() throws {
        #if os(Linux)
        let url = try makeTemporaryDirectory(self).appendingPathComponent("checkpoint")
        var lastEpoch = -1
        for round in 0..<4 {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            child.arguments = ["SynapseTests.CheckpointCrashTests/testChildWritesCheckpointsUntilKilled"]
            child.environment = ProcessInfo.processInfo.environment.merging([Self.childEnvironmentKey: url.path]) { $1 }
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            // Wait for the child to have written beyond where it started, then a bit more.
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, ((try? TrainingCheckpoint(contentsOf: url).epoch) ?? -1) <= lastEpoch {
                usleep(5_000)
            }
            usleep(UInt32(37_000 * (round + 1)))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            XCTAssertEqual(child.terminationReason, .uncaughtSignal, "the child should have been killed, not exited")

            let checkpoint = try TrainingCheckpoint(contentsOf: url)
            XCTAssertGreaterThan(checkpoint.epoch, lastEpoch, "round \(round): the child made no progress")
            let model = try Self.model(filledWith: -1)
            try checkpoint.restore(into: model)
            let epoch = Float(checkpoint.epoch)
            XCTAssertTrue(model.parameters.allSatisfy { $0.value.scalars.allSatisfy { $0 == epoch } },
                          "round \(round): weights do not all belong to epoch \(checkpoint.epoch)")
            XCTAssertEqual(checkpoint.history.epochs, [checkpoint.epoch])
            lastEpoch = checkpoint.epoch
        }
        #else
        throw XCTSkip("spawns the XCTest binary directly, which is Linux-specific")
        #endif
    }
}

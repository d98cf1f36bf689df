import Foundation
import XCTest
@testable import Synapse

/// Runs the built `synapse` executable as a child process: Ctrl-C during
/// training, and the one-line error of a failed command.
final class CLIProcessTests: XCTestCase {
    func testCtrlCWritesACheckpointAndExitsWith130() throws {
        let directory = try makeTemporaryDirectory(self)
        let save = directory.appendingPathComponent("model.synapse")
        let checkpoint = directory.appendingPathComponent("model.synapse.checkpoint")
        let child = try SynapseExecutable(for: self).start(["train", "--dataset", "mnist-sample", "--epochs", "1000", "--save", save.path, "--verbose", "2"],
                              in: directory)
        // Wait for the first end-of-epoch checkpoint, so training is surely under way.
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: checkpoint.appendingPathComponent("state.json").path),
              child.process.isRunning, Date() < deadline {
            usleep(50_000)
        }
        guard child.process.isRunning else {
            return XCTFail("training ended before the first checkpoint: \(try child.output())")
        }
        kill(child.process.processIdentifier, SIGINT)
        SynapseExecutable.waitForExit(child, seconds: 60)

        let (stdout, stderr) = try child.output()
        XCTAssertEqual(child.process.terminationReason, .exit, "it exits by itself rather than dying of the signal")
        XCTAssertEqual(child.process.terminationStatus, 130, stdout + stderr)
        XCTAssertTrue(stderr.contains("Interrupted: finishing the current step, saving a checkpoint"), stderr)
        XCTAssertTrue(stdout.contains("Checkpoint saved to \(checkpoint.path)"), stdout)
        XCTAssertTrue(stdout.contains("synapse train --resume \(checkpoint.path)"), stdout)
        XCTAssertFalse(stdout.contains("Test accuracy"), "training stopped early")
        let saved = try TrainingCheckpoint(contentsOf: checkpoint)
        XCTAssertGreaterThanOrEqual(saved.epoch, 0)
        XCTAssertGreaterThanOrEqual(saved.step, (saved.epoch + 1) * 125)
        XCTAssertFalse(FileManager.default.fileExists(atPath: save.path), "the final model is saved only after training ends")
    }

    func testFailuresPrintOneErrorLineAndExitWith1() throws {
        let directory = try makeTemporaryDirectory(self)
        let child = try SynapseExecutable(for: self).start(["summary", directory.appendingPathComponent("missing.synapse").path], in: directory)
        SynapseExecutable.waitForExit(child, seconds: 60)
        let (stdout, stderr) = try child.output()
        XCTAssertEqual(child.process.terminationStatus, 1)
        XCTAssertEqual(stdout, "")
        let lines = stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, stderr)
        XCTAssertTrue(stderr.hasPrefix("error: "), stderr)
        XCTAssertTrue(stderr.contains("missing.synapse"), stderr)
    }
}

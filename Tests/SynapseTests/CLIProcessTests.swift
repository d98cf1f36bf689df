import Foundation
import XCTest
@testable import Synapse

/// Runs the built `synapse` executable as a child process: Ctrl-C during
/// training, and the one-line error of a failed command.
final class CLIProcessTests: XCTestCase {
    /// The `synapse` executable beside the test bundle (SwiftPM builds both
    /// into the same products directory).
    private func executable() throws -> URL {
        let candidates = [Bundle(for: Self.self).bundleURL, Bundle.main.bundleURL,
                          URL(fileURLWithPath: CommandLine.arguments[0])]
            .flatMap { [$0.deletingLastPathComponent(), $0.deletingLastPathComponent().deletingLastPathComponent()] }
            .map { $0.appendingPathComponent("synapse") }
        guard let url = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) && !isDirectory($0) }) else {
            throw XCTSkip("no synapse executable beside the test bundle (looked at \(candidates.map(\.path))); run the tests with `swift test`, which builds it")
        }
        return url
    }

    private func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A started child with its output going to files (read after it ends).
    private struct Child {
        let process: Process
        let stdout: URL
        let stderr: URL

        func output() throws -> (stdout: String, stderr: String) {
            (try String(contentsOf: stdout, encoding: .utf8), try String(contentsOf: stderr, encoding: .utf8))
        }
    }

    private func start(_ arguments: [String], in directory: URL) throws -> Child {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let stdout = directory.appendingPathComponent("stdout.txt"), stderr = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        return Child(process: process, stdout: stdout, stderr: stderr)
    }

    private func waitForExit(_ child: Child, seconds: TimeInterval) {
        let deadline = Date().addingTimeInterval(seconds)
        while child.process.isRunning, Date() < deadline { usleep(20_000) }
        if child.process.isRunning {
            child.process.terminate()
            XCTFail("the child did not exit within \(seconds) s")
        }
        child.process.waitUntilExit()
    }

    func testCtrlCWritesACheckpointAndExitsWith130() throws {
        let directory = try makeTemporaryDirectory(self)
        let save = directory.appendingPathComponent("model.synapse")
        let checkpoint = directory.appendingPathComponent("model.synapse.checkpoint")
        let child = try start(["train", "--dataset", "mnist-sample", "--epochs", "1000", "--save", save.path, "--verbose", "2"],
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
        waitForExit(child, seconds: 60)

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
        let child = try start(["summary", directory.appendingPathComponent("missing.synapse").path], in: directory)
        waitForExit(child, seconds: 60)
        let (stdout, stderr) = try child.output()
        XCTAssertEqual(child.process.terminationStatus, 1)
        XCTAssertEqual(stdout, "")
        let lines = stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, stderr)
        XCTAssertTrue(stderr.hasPrefix("error: "), stderr)
        XCTAssertTrue(stderr.contains("missing.synapse"), stderr)
    }
}

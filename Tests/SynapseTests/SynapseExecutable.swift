import Foundation
import XCTest

/// The built `synapse` executable, run as a child process by the tests that
/// check the command-line tool as a user meets it.
struct SynapseExecutable {
    /// The executable beside the test bundle (SwiftPM builds both into the
    /// same products directory); skips the test when there is none.
    let url: URL

    init(for testCase: XCTestCase) throws {
        let candidates = [Bundle(for: type(of: testCase)).bundleURL, Bundle.main.bundleURL,
                          URL(fileURLWithPath: CommandLine.arguments[0])]
            .flatMap { [$0.deletingLastPathComponent(), $0.deletingLastPathComponent().deletingLastPathComponent()] }
            .map { $0.appendingPathComponent("synapse") }
        guard let url = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) && !Self.isDirectory($0) }) else {
            throw XCTSkip("no synapse executable beside the test bundle (looked at \(candidates.map(\.path))); run the tests with `swift test`, which builds it")
        }
        self.url = url
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A started child with its output going to files (read after it ends).
    struct Child {
        /// The running process.
        let process: Process
        let stdout: URL
        let stderr: URL

        /// What the child wrote so far.
        func output() throws -> (stdout: String, stderr: String) {
            (try String(contentsOf: stdout, encoding: .utf8), try String(contentsOf: stderr, encoding: .utf8))
        }
    }

    /// What a finished run printed and its exit status.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Both streams, for failure messages.
        var all: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
    }

    /// Starts `arguments` in `directory` (its working directory), with
    /// `environment` added to this process's.
    func start(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Child {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let name = UUID().uuidString
        let stdout = directory.appendingPathComponent("\(name).stdout"), stderr = directory.appendingPathComponent("\(name).stderr")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        return Child(process: process, stdout: stdout, stderr: stderr)
    }

    /// Waits up to `seconds` for `child`, terminating it (and failing) if it is still running.
    static func waitForExit(_ child: Child, seconds: TimeInterval) {
        let deadline = Date().addingTimeInterval(seconds)
        while child.process.isRunning, Date() < deadline { usleep(20_000) }
        if child.process.isRunning {
            child.process.terminate()
            XCTFail("the child did not exit within \(seconds) s")
        }
        child.process.waitUntilExit()
    }

    /// Runs `arguments` to the end (at most `seconds`) and returns what it printed.
    func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
             seconds: TimeInterval = 300) throws -> Result {
        let child = try start(arguments, in: directory, environment: environment)
        Self.waitForExit(child, seconds: seconds)
        let (stdout, stderr) = try child.output()
        try? FileManager.default.removeItem(at: child.stdout)
        try? FileManager.default.removeItem(at: child.stderr)
        return Result(status: child.process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

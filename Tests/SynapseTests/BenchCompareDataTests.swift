import Foundation
import XCTest

/// `bench/compare` finds Fashion-MNIST relative to the repository or through
/// Synapse's dataset lookup, never at one machine's absolute path.
final class BenchCompareDataTests: XCTestCase {
    private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// What `bench/compare --print-data` prints when the script sits in
    /// `root/repo/bench/`, with `environment` as its whole environment.
    private func printedData(root: URL, environment: [String: String]) throws -> (status: Int32, output: String) {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let interpreter = try XCTUnwrap(python.map { URL(fileURLWithPath: $0) }, "python3")
        let process = Process()
        process.executableURL = interpreter
        process.arguments = [root.appendingPathComponent("repo/bench/compare").path, "--print-data"]
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func testTheDefaultDataIsBesideTheRepositoryOrInSynapsesDatasetLookup() throws {
        try XCTSkipUnless(["/usr/bin/python3", "/usr/local/bin/python3"].contains { FileManager.default.isExecutableFile(atPath: $0) },
                          "needs python3 to run bench/compare")
        let root = try makeTemporaryDirectory(self)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("repo/bench"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repository.appendingPathComponent("bench/compare"),
                                         to: root.appendingPathComponent("repo/bench/compare"))
        let home = root.appendingPathComponent("home")

        // Nothing anywhere: a clear failure naming where it looked.
        let missing = try printedData(root: root, environment: ["HOME": home.path])
        XCTAssertNotEqual(missing.status, 0, missing.output)
        XCTAssertTrue(missing.output.contains(root.appendingPathComponent("repo/../shared/data/fashion-mnist").path)
                      || missing.output.contains(root.appendingPathComponent("shared/data/fashion-mnist").path), missing.output)
        XCTAssertTrue(missing.output.contains("--data"), missing.output)

        // Synapse's cache.
        let cached = home.appendingPathComponent(".cache/synapse/fashion-mnist")
        try FileManager.default.createDirectory(at: cached, withIntermediateDirectories: true)
        XCTAssertEqual(try printedData(root: root, environment: ["HOME": home.path]).output, cached.path)
        let synapseData = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: synapseData.appendingPathComponent("fashion-mnist"), withIntermediateDirectories: true)
        XCTAssertEqual(try printedData(root: root, environment: ["HOME": home.path, "SYNAPSE_DATA": synapseData.path]).output,
                       synapseData.appendingPathComponent("fashion-mnist").path)

        // The shared data beside the repository comes first; BENCH_DATA before everything.
        let shared = root.appendingPathComponent("shared/data/fashion-mnist")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        XCTAssertEqual(try printedData(root: root, environment: ["HOME": home.path]).output, shared.path)
        XCTAssertEqual(try printedData(root: root, environment: ["HOME": home.path, "BENCH_DATA": cached.path]).output, cached.path)
    }
}

import Foundation
import XCTest

/// `bench/compare` shows each framework's spread and flags runs that differ
/// by more than 30% of their median (needs python3, skips without it).
final class BenchCompareSpreadTests: XCTestCase {
    func testTablesShowTheRangeAndWideSpreadsAreFlagged() throws {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let interpreter = try XCTUnwrap(python, "needs python3 to load bench/compare")
        let compare = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("bench/compare").path
        let script = """
        import importlib.machinery, importlib.util
        loader = importlib.machinery.SourceFileLoader("compare", "\(compare)")
        module = importlib.util.module_from_spec(importlib.util.spec_from_loader("compare", loader))
        loader.exec_module(module)
        summary = {"synapse": {"w1_epoch_s": {"median": 0.475, "best": 0.468, "values": [0.475, 0.468, 1.173]}},
                   "torch": {"w1_epoch_s": {"median": 1.31, "best": 1.25, "values": [1.25, 1.31, 1.40]}}}
        print(module.with_range(summary["synapse"]["w1_epoch_s"], "w1_epoch_s"))
        for line in module.spread_lines(summary, ["synapse", "torch"]):
            print(line)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, output)
        let lines = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "0.475 (0.468–1.17)")
        // Synapse's runs differ by 148% of their median; PyTorch's by 11%.
        XCTAssertEqual(lines.count, 2, output)
        XCTAssertTrue(lines.last?.contains("Synapse") == true && lines.last?.contains("148%") == true, output)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `synapse-fuzz`: fuzzes Synapse's parsers without any fuzzing engine.
///
///     synapse-fuzz run NAME [--executions N] [--seconds S] [--seed K] [--corpus DIR]
///                           [--time-limit S] [--rss-limit-mb MB] [--artifacts DIR]
///     synapse-fuzz replay NAME FILE…
///     synapse-fuzz write-seeds [CORPUS-DIR]
///
/// NAME is one of `FuzzHarnesses.names`. `run` prints one line of counts;
/// it exits 70 after a trap and 71 after a hang (the input is saved under
/// `--artifacts`), 72 when the resident memory passed the limit.
/// Built with `-D LIBFUZZER`, the target is instead a libFuzzer harness
/// (see LibFuzzerEntry.swift).
#if !LIBFUZZER
@main
enum SynapseFuzz {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard !arguments.isEmpty else { usage() }
        let command = arguments.removeFirst()
        do {
            switch command {
            case "run": try run(arguments)
            case "replay": try replay(arguments)
            case "write-seeds": try writeSeeds(arguments)
            default: usage()
            }
        } catch {
            FileHandle.standardError.write(Data("synapse-fuzz: \(error)\n".utf8))
            exit(1)
        }
    }

    private static func usage() -> Never {
        FileHandle.standardError.write(Data("""
        usage: synapse-fuzz run NAME [--executions N] [--seconds S] [--seed K] [--corpus DIR]
                                     [--time-limit S] [--rss-limit-mb MB] [--artifacts DIR]
               synapse-fuzz replay NAME FILE...
               synapse-fuzz write-seeds [CORPUS-DIR]
        NAME: \(FuzzHarnesses.names.joined(separator: ", "))

        """.utf8))
        exit(2)
    }

    /// `--name value` options after the positional arguments.
    private static func options(_ arguments: ArraySlice<String>) -> [String: String] {
        var result: [String: String] = [:]
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let key = arguments[index]
            guard key.hasPrefix("--"), index + 1 < arguments.endIndex else { usage() }
            result[String(key.dropFirst(2))] = arguments[index + 1]
            index += 2
        }
        return result
    }

    private static func harness(_ name: String, work: URL) throws -> FuzzHarness {
        guard let harness = try FuzzHarnesses.make(name, workDirectory: work) else { usage() }
        return harness
    }

    private static func temporaryWorkDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("synapse-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static func run(_ arguments: [String]) throws {
        guard let name = arguments.first else { usage() }
        let options = options(arguments.dropFirst())
        func number(_ key: String, _ fallback: Double) -> Double {
            guard let text = options[key] else { return fallback }
            guard let value = Double(text), value >= 0 else { usage() }
            return value
        }
        let corpus = URL(fileURLWithPath: options["corpus"] ?? "Fuzz/corpus").appendingPathComponent(name)
        let artifacts = URL(fileURLWithPath: options["artifacts"] ?? "Fuzz/artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let work = try temporaryWorkDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let runner = FuzzRunner(
            harness: try harness(name, work: work), seeds: try seedInputs(in: corpus),
            maximumExecutions: Int(number("executions", Double(Int.max / 2))),
            maximumSeconds: number("seconds", .infinity), seed: UInt64(number("seed", 1)),
            timeLimit: UInt32(max(5, number("time-limit", 5))), residentLimitMegabytes: Int(number("rss-limit-mb", 2048)),
            memoryFile: artifacts.appendingPathComponent("memory-\(name)"))
        CrashRecorder.install(crashFile: artifacts.appendingPathComponent("crash-\(name)").path,
                              hangFile: artifacts.appendingPathComponent("hang-\(name)").path)
        let report = runner.run()
        let rate = report.seconds > 0 ? Int(Double(report.executions) / report.seconds) : 0
        print("\(name): \(report.executions) executions in \(String(format: "%.1f", report.seconds)) s (\(rate)/s), "
            + "\(report.distinctOutcomes) distinct outcomes, 0 crashes, 0 hangs, peak RSS \(report.peakResidentMegabytes) MB"
            + (report.memoryExceeded ? ", MEMORY LIMIT EXCEEDED (input saved as memory-\(name))" : ""))
        if report.memoryExceeded { exit(72) }
    }

    /// The files of `folder`, sorted by name; none when it does not exist.
    private static func seedInputs(in folder: URL) throws -> [[UInt8]] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return try names.filter { !$0.hasPrefix(".") }.sorted().map {
            [UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))
        }
    }

    private static func replay(_ arguments: [String]) throws {
        guard arguments.count >= 2 else { usage() }
        let work = try temporaryWorkDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let harness = try harness(arguments[0], work: work)
        for path in arguments.dropFirst() {
            print("\(path): \(harness.run([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))))")
        }
    }

    private static func writeSeeds(_ arguments: [String]) throws {
        let corpus = URL(fileURLWithPath: arguments.first ?? "Fuzz/corpus")
        let work = try temporaryWorkDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        for name in FuzzHarnesses.names {
            let folder = corpus.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try harness(name, work: work).writeSeeds(into: folder)
        }
    }
}
#endif

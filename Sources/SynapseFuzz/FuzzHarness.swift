import Foundation

/// One parser under fuzzing: it takes any bytes and must answer with a
/// result or a thrown error, never a trap, a hang or a huge allocation.
protocol FuzzHarness: AnyObject {
    /// The harness's name, also its seed corpus folder under `Fuzz/corpus/`.
    var name: String { get }
    /// Parses `bytes` and returns a short description of the outcome ("ok",
    /// or the error's type and message), which the mutation loop uses to
    /// recognise inputs that reach new code.
    func run(_ bytes: [UInt8]) -> String
    /// Writes seed inputs made by Synapse itself into `folder` (harnesses
    /// whose seeds are copies of test fixtures write none).
    func writeSeeds(into folder: URL) throws
}

extension FuzzHarness {
    func writeSeeds(into folder: URL) throws {}

    /// Writes `bytes` to `url` with plain POSIX calls: Foundation's
    /// `Data.write` syncs to disk, which would make the loop wait on it.
    func writeInput(_ bytes: [UInt8], to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
    }

    /// "ok" when `body` returns, else the error's type and message.
    func outcome(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "ok"
        } catch {
            return "\(type(of: error)): \(error)"
        }
    }
}

/// Every harness, by name.
enum FuzzHarnesses {
    /// The names `synapse-fuzz` accepts, in the order `all` runs them.
    static let names = ["idx", "safetensors", "config", "metadata", "checkpoint-state", "checkpoint-optimizer",
                        "png", "pgm", "history-csv", "text", "wav"]

    /// A new harness called `name`, or nil for an unknown name.
    static func make(_ name: String, workDirectory: URL) throws -> FuzzHarness? {
        switch name {
        case "idx": return IDXHarness()
        case "safetensors": return SafetensorsHarness()
        case "config": return try ModelConfigHarness(workDirectory: workDirectory)
        case "metadata": return try MetadataHarness(workDirectory: workDirectory)
        case "checkpoint-state": return try CheckpointHarness(file: .state, workDirectory: workDirectory)
        case "checkpoint-optimizer": return try CheckpointHarness(file: .optimizer, workDirectory: workDirectory)
        case "png": return ImageHarness(format: .png)
        case "pgm": return ImageHarness(format: .pgm)
        case "history-csv": return HistoryCSVHarness()
        case "text": return TextCorpusHarness()
        case "wav": return WAVHarness()
        default: return nil
        }
    }
}

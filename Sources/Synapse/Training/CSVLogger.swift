import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes each epoch's metrics to a CSV file, as Keras's `CSVLogger`: a
/// header `epoch,<metric names sorted>` and one row per epoch.
///
/// The whole file is rewritten after every epoch through a temporary file
/// in the same directory and a rename, so a reader (or a crash) never sees
/// a half-written file. A metric missing from an epoch's logs is written as
/// `NA`. If a write fails, training goes on; the error is printed once and
/// kept in `lastError`.
public final class CSVLogger: Callback {
    /// Where the log goes.
    public let url: URL
    /// The field separator.
    public let separator: String
    /// Whether to keep an existing file's rows and add to them.
    public let append: Bool
    /// The last write error, if any.
    public private(set) var lastError: Error?
    private var contents = ""
    private var columns: [String]?
    private var reportedError = false

    /// A logger writing to `path`.
    public init(_ path: String, separator: String = ",", append: Bool = false) {
        self.url = URL(fileURLWithPath: path)
        self.separator = separator
        self.append = append
    }

    /// Starts a new file, or with `append` reads the existing one.
    public override func trainingWillBegin(model: Model) {
        columns = nil
        contents = ""
        lastError = nil
        guard append, let existing = try? String(contentsOf: url, encoding: .utf8), !existing.isEmpty else { return }
        contents = existing.hasSuffix("\n") ? existing : existing + "\n"
        if let header = existing.split(separator: "\n", omittingEmptySubsequences: true).first {
            columns = header.components(separatedBy: separator).dropFirst().map { String($0) }
        }
    }

    /// Adds the epoch's row and rewrites the file.
    public override func epochDidEnd(_ epoch: Int, model: Model, logs: [String: Double]) {
        if columns == nil {
            let names = logs.keys.sorted()
            columns = names
            contents += (["epoch"] + names).joined(separator: separator) + "\n"
        }
        let values = columns!.map { logs[$0].map { "\($0)" } ?? "NA" }
        contents += (["\(epoch)"] + values).joined(separator: separator) + "\n"
        do {
            try CSVLogger.writeAtomically(Data(contents.utf8), to: url)
        } catch {
            lastError = error
            if !reportedError {
                reportedError = true
                FileHandle.standardError.write(Data("CSVLogger: could not write \(url.path): \(error)\n".utf8))
            }
        }
    }

    /// The errors of an atomic write.
    public enum WriteError: Error, CustomStringConvertible {
        /// Renaming the finished temporary file over the target failed.
        case renameFailed(from: String, to: String, errno: Int32)

        /// What failed, where, and the system's reason.
        public var description: String {
            switch self {
            case let .renameFailed(from, to, code):
                return "could not rename \(from) to \(to): \(String(cString: strerror(code))); check that the directory is writable"
            }
        }
    }

    /// Writes `data` to a temporary file beside `url`, then renames it over `url`.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError.renameFailed(from: temporary.path, to: url.path, errno: code)
        }
    }
}

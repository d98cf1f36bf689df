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
    /// Rank 0 alone writes it in data-parallel training.
    public override var runsOnEveryRank: Bool { false }

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
            try AtomicWrite.write(Data(contents.utf8), to: url)
        } catch {
            lastError = error
            if !reportedError {
                reportedError = true
                FileHandle.standardError.write(Data("CSVLogger: could not write \(url.path): \(error)\n".utf8))
            }
        }
    }
}

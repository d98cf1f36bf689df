import Foundation

/// Writes one TensorBoard event file: TFRecord-framed `Event`s, the first
/// naming the format. The file is named as TensorFlow names them,
/// `events.out.tfevents.<seconds>.<host>.<pid>.<n>.v2`.
///
/// Events are kept in memory and `flush()` rewrites the whole file
/// atomically, so a reader (TensorBoard polls the folder) never sees a torn
/// record; each flush only extends what was there.
public final class EventFileWriter {
    /// The event file.
    public let url: URL
    private var bytes: [UInt8] = []
    private var flushedCount = 0
    private static let sequence = Locked(0)

    /// A writer for a new file in `directory`, which is created if missing.
    public init(directory: URL, wallTime: Double = Date().timeIntervalSince1970) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(path: directory.path, reason: error.localizedDescription)
        }
        let number = EventFileWriter.sequence.withLock { value -> Int in
            defer { value += 1 }
            return value
        }
        let host = ProcessInfo.processInfo.hostName.replacingOccurrences(of: "/", with: "_")
        let name = "events.out.tfevents.\(Int(wallTime)).\(host).\(ProcessInfo.processInfo.processIdentifier).\(number).v2"
        url = directory.appendingPathComponent(name)
        bytes = TFRecord.frame(EventEncoding.fileVersion(wallTime: wallTime))
    }

    /// Adds `value` under `tag` at `step`, to be written at the next flush.
    public func add(_ value: SummaryValue, tag: String, step: Int, wallTime: Double = Date().timeIntervalSince1970) {
        bytes += TFRecord.frame(EventEncoding.summary(wallTime: wallTime, step: step, tag: tag, value: value))
    }

    /// Writes everything added so far (atomically; nothing when nothing is new).
    public func flush() throws {
        guard bytes.count != flushedCount else { return }
        try AtomicWrite.write(Data(bytes), to: url)
        flushedCount = bytes.count
    }
}

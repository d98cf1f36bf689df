import Foundation

extension History {
    /// The most bytes a training log may have (64 MiB): years of epochs.
    public static let maximumCSVBytes = 64 << 20

    /// Reads a training log as `CSVLogger` writes it: a header
    /// `epoch,<metric>,…` and one row of numbers per epoch (an empty field is
    /// a metric missing that epoch, read as NaN). `file` names it in errors.
    public init(csv bytes: [UInt8], file: String) throws {
        func failure(_ line: Int?, _ reason: String) -> HistoryFileError { HistoryFileError(file: file, line: line, reason: reason) }
        guard bytes.count <= History.maximumCSVBytes else {
            throw failure(nil, "the file has \(bytes.count) bytes, more than a training log's \(History.maximumCSVBytes); is it the right file?")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw failure(nil, "the file is not UTF-8 text") }
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw failure(nil, "the file is empty; a training log starts with the header 'epoch,loss,…'") }
        let separator: Character = lines[0].contains(",") || !lines[0].contains(";") ? "," : ";"
        let header = lines.removeFirst().split(separator: separator, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.first == "epoch", header.count >= 2 else {
            throw failure(1, "the header must be 'epoch' followed by metric names (as CSVLogger writes), not '\(header.joined(separator: String(separator)))'")
        }
        guard Set(header).count == header.count else { throw failure(1, "the header names a column twice") }
        var epochs: [Int] = []
        var values: [String: [Double]] = Dictionary(uniqueKeysWithValues: header.dropFirst().map { ($0, []) })
        for (offset, line) in lines.enumerated() {
            let fields = line.split(separator: separator, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == header.count else {
                throw failure(offset + 2, "\(fields.count) fields, but the header has \(header.count)")
            }
            guard let epoch = Int(fields[0]), epoch >= 0 else { throw failure(offset + 2, "the epoch '\(fields[0])' is not a whole number ≥ 0") }
            epochs.append(epoch)
            for (name, field) in zip(header.dropFirst(), fields.dropFirst()) {
                guard let value = field.isEmpty ? .nan : Double(field) else {
                    throw failure(offset + 2, "'\(field)' in column '\(name)' is not a number")
                }
                values[name, default: []].append(value)
            }
        }
        self.init(epochs: epochs, values: values)
    }

    /// Reads the training log at `url`.
    public init(csvContentsOf url: URL) throws {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        if let size = attributes?[.size] as? Int, size > History.maximumCSVBytes {
            throw HistoryFileError(file: url.path, line: nil, reason: "the file has \(size) bytes, more than a training log's \(History.maximumCSVBytes); is it the right file?")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw HistoryFileError(file: url.path, line: nil, reason: "cannot be read (\(error.localizedDescription))")
        }
        try self.init(csv: [UInt8](data), file: url.path)
    }
}

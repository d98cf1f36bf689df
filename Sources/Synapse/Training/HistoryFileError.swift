/// Why a training log (a `CSVLogger` file) could not be read.
public struct HistoryFileError: Error, CustomStringConvertible, Equatable {
    /// The file.
    public let file: String
    /// The line (1-based) at fault, or nil for the file as a whole.
    public let line: Int?
    /// What is wrong, and what to do.
    public let reason: String

    /// "file:line: reason".
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)"
    }
}

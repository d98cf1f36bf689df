/// Why an IDX file could not be read. Every case names the file.
public struct IDXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Problem: Equatable, Sendable {
        /// The file could not be read from disk.
        case unreadable(String)
        /// The gzip wrapper could not be decompressed.
        case gzip(GzipError)
        /// The file is shorter than its own header.
        case headerTruncated(byteCount: Int)
        /// The first two bytes are not zero.
        case badMagic(UInt8, UInt8)
        /// The data-type byte is not one of the IDX types.
        case unknownDataType(UInt8)
        /// The data type is valid IDX but not the one the caller needs.
        case unexpectedDataType(found: IDXFile.DataType, expected: IDXFile.DataType)
        /// The number of dimensions is not the one the caller needs.
        case unexpectedRank(found: Int, expected: Int)
        /// The payload is shorter than the dimensions say.
        case truncated(dimensions: [Int], expectedBytes: Int, actualBytes: Int)
        /// The payload is longer than the dimensions say.
        case trailingBytes(dimensions: [Int], expectedBytes: Int, actualBytes: Int)
        /// The dimensions multiply to more bytes than can be addressed.
        case tooLarge(dimensions: [Int])
    }

    /// The file name (last path component) of the file.
    public let fileName: String
    /// What was wrong with it.
    public let problem: Problem

    /// Creates an error for `fileName`.
    public init(fileName: String, problem: Problem) {
        self.fileName = fileName
        self.problem = problem
    }

    /// A one-line explanation: file, problem, and what to do.
    public var description: String {
        let fix = "re-download it or delete it from the cache"
        switch problem {
        case .unreadable(let reason):
            return "\(fileName): cannot read the file (\(reason)) — check the path and its permissions"
        case .gzip(let error):
            return "\(fileName): \(error)"
        case .headerTruncated(let count):
            return "\(fileName): truncated: only \(count) bytes, too short for an IDX header — \(fix)"
        case .badMagic(let first, let second):
            return "\(fileName): not an IDX file: it starts with \(hex(first)) \(hex(second)), IDX starts with 00 00 — check that this is the right file"
        case .unknownDataType(let code):
            return "\(fileName): unknown IDX data type \(hex(code)) (known: 08 09 0b 0c 0d 0e) — check that this is the right file"
        case .unexpectedDataType(let found, let expected):
            return "\(fileName): holds \(found) values where \(expected) values are needed — check that this is the right file"
        case .unexpectedRank(let found, let expected):
            return "\(fileName): has \(found) dimensions where \(expected) are needed — check that this is the right file"
        case .truncated(let dimensions, let expected, let actual):
            return "\(fileName): truncated: header says \(shape(dimensions)) = \(expected) bytes, file holds \(actual) — \(fix)"
        case .trailingBytes(let dimensions, let expected, let actual):
            return "\(fileName): header says \(shape(dimensions)) = \(expected) bytes, but the file holds \(actual) — it is damaged; \(fix)"
        case .tooLarge(let dimensions):
            return "\(fileName): header dimensions \(shape(dimensions)) are impossibly large — the file is damaged; \(fix)"
        }
    }

    private func shape(_ dimensions: [Int]) -> String {
        dimensions.map(String.init).joined(separator: "×")
    }

    private func hex(_ byte: UInt8) -> String {
        byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
    }
}

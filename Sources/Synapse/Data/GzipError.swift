/// Why a gzip or DEFLATE stream could not be decompressed.
public enum GzipError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data does not start with the gzip magic bytes `1f 8b`.
    case notGzip
    /// The gzip header names a compression method other than DEFLATE (8).
    case unsupportedMethod(UInt8)
    /// The stream ended before the named structure was complete.
    case truncated(String)
    /// The stream is malformed; the string says what was wrong.
    case corrupt(String)
    /// The CRC-32 stored in a gzip member does not match the decompressed bytes.
    case checksumMismatch(expected: UInt32, actual: UInt32)
    /// The ISIZE stored in a gzip member does not match the decompressed length (mod 2³²).
    case lengthMismatch(expected: UInt32, actual: UInt32)
    /// The stream inflates to more than `limit` bytes, more than the data it
    /// holds can justify (a damaged file or a decompression bomb).
    case outputTooLarge(limit: Int)

    /// A one-line explanation that says what to do.
    public var description: String {
        switch self {
        case .notGzip:
            return "not a gzip stream (missing magic bytes 1f 8b)"
        case .unsupportedMethod(let method):
            return "gzip compression method \(method) is not supported (only 8, DEFLATE)"
        case .truncated(let what):
            return "gzip stream is truncated (\(what)); the file is incomplete — download it again"
        case .corrupt(let what):
            return "gzip stream is corrupt (\(what)); download the file again"
        case .checksumMismatch(let expected, let actual):
            return "gzip CRC-32 mismatch: stored \(hex(expected)), computed \(hex(actual)); the file is damaged — download it again"
        case .lengthMismatch(let expected, let actual):
            return "gzip length mismatch: stored \(expected) bytes (mod 2^32), decompressed \(actual); the file is damaged — download it again"
        case .outputTooLarge(let limit):
            return "compressed data inflates to more than \(limit) bytes, more than its header allows; the file is damaged — download it again"
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}

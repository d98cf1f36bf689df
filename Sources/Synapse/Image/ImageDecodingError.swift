/// Why an image file could not be read as a `GreyscaleImage`.
public enum ImageDecodingError: Error, CustomStringConvertible, Equatable {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// The bytes are neither PGM nor PNG.
    case unrecognizedFormat(file: String)
    /// The file claims a format but breaks its rules (truncated, bad checksum, …).
    case malformed(file: String, format: String, reason: String)
    /// A valid file using a feature this decoder does not read.
    case unsupported(file: String, format: String, feature: String)

    /// A one-line explanation with what to do.
    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot be read (\(reason))"
        case let .unrecognizedFormat(file):
            return "\(file): not a PGM (P2/P5) or PNG image; convert it to an 8-bit greyscale PNG or PGM"
        case let .malformed(file, format, reason):
            return "\(file): broken \(format) file: \(reason)"
        case let .unsupported(file, format, feature):
            return "\(file): \(format) \(feature) is not supported; save it as a non-interlaced 8-bit greyscale PNG or PGM"
        }
    }
}

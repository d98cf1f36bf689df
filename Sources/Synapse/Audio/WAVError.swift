/// Why a WAV file could not be read.
///
/// Every case names the file; the description says what is wrong and what to do.
public enum WAVError: Error, CustomStringConvertible, Equatable {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The file does not start with `RIFF` … `WAVE`.
    case notWAV(file: String)
    /// A chunk's header or body runs past the end of the file.
    case truncatedChunk(file: String, chunk: String, offset: Int, declaredSize: Int, available: Int)
    /// The data chunk declares more bytes than the file holds.
    case dataPastEndOfFile(file: String, declaredSize: Int, available: Int)
    /// A required chunk (`fmt ` or `data`) is missing.
    case missingChunk(file: String, chunk: String)
    /// The `fmt ` chunk names an encoding Synapse does not read.
    case unsupportedFormat(file: String, formatTag: Int, bitsPerSample: Int)
    /// The `fmt ` chunk declares zero channels.
    case zeroChannels(file: String)
    /// A `fmt ` field is impossible (zero sample rate, a block size that does not fit the channels, …).
    case badFormatField(file: String, field: String, value: Int, expected: String)

    /// A one-line explanation with what to do.
    public var description: String {
        let convert = "convert it to a PCM or float WAV (e.g. `ffmpeg -i in -c:a pcm_s16le out.wav`)"
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot be read (\(reason))"
        case let .notWAV(file):
            return "\(file): not a WAV file (no RIFF/WAVE header); \(convert)"
        case let .truncatedChunk(file, chunk, offset, declaredSize, available):
            return "\(file): the '\(chunk)' chunk at byte \(offset) declares \(declaredSize) bytes but only \(available) remain; the file is truncated or damaged"
        case let .dataPastEndOfFile(file, declaredSize, available):
            return "\(file): the data chunk declares \(declaredSize) bytes but only \(available) remain; the file is truncated (re-export it)"
        case let .missingChunk(file, chunk):
            return "\(file): no '\(chunk)' chunk; the file is damaged or not audio"
        case let .unsupportedFormat(file, formatTag, bits):
            return "\(file): WAV format tag \(formatTag) with \(bits)-bit samples is not supported (only PCM 8/16/24/32-bit and 32-bit float); \(convert)"
        case let .zeroChannels(file):
            return "\(file): the format chunk declares zero channels; the file is damaged"
        case let .badFormatField(file, field, value, expected):
            return "\(file): format field \(field) is \(value), expected \(expected); the file is damaged"
        }
    }
}

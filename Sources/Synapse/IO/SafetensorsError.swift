/// Why a safetensors file could not be read or written. Every error names
/// the file and the problem.
public struct SafetensorsError: Error, CustomStringConvertible, Equatable {
    /// What is wrong with the file.
    public enum Problem: Equatable, Sendable {
        /// The file could not be opened or read.
        case unreadable(String)
        /// The file is shorter than the 8-byte header length.
        case tooShortForHeaderLength(size: Int)
        /// The header length says more bytes than the file holds after it.
        case headerLengthExceedsFile(declared: UInt64, available: Int)
        /// The header is not valid UTF-8 JSON.
        case invalidJSON(String)
        /// The header is JSON but not a safetensors header.
        case invalidHeader(String)
        /// A tensor's element type is not one Synapse reads.
        case unsupportedDType(tensor: String, dtype: String)
        /// A tensor's data lies outside the data section.
        case offsetsOutOfRange(tensor: String, begin: Int, end: Int, dataSize: Int)
        /// Two tensors claim the same bytes.
        case overlappingOffsets(first: String, second: String)
        /// A tensor's byte range does not match its shape and element type.
        case sizeMismatch(tensor: String, expectedBytes: Int, actualBytes: Int)
        /// Two tensors to write share a name.
        case duplicateName(String)
    }

    /// The file (or `<memory>` for in-memory data).
    public let file: String
    /// What is wrong.
    public let problem: Problem

    /// A one-line explanation naming the file.
    public var description: String { "safetensors file \(file): \(explanation)" }

    private var explanation: String {
        switch problem {
        case let .unreadable(reason):
            return "cannot be read (\(reason))"
        case let .tooShortForHeaderLength(size):
            return "is truncated: \(size) bytes, but a safetensors file starts with an 8-byte header length"
        case let .headerLengthExceedsFile(declared, available):
            return "is truncated or corrupt: the header length is \(declared) bytes but only \(available) bytes follow it"
        case let .invalidJSON(reason):
            return "the header is not valid JSON (\(reason))"
        case let .invalidHeader(reason):
            return "the header is not a safetensors header: \(reason)"
        case let .unsupportedDType(tensor, dtype):
            return "tensor '\(tensor)' has element type '\(dtype)'; Synapse reads F32, F16, BF16 and F64 (converted to F32)"
        case let .offsetsOutOfRange(tensor, begin, end, dataSize):
            return "tensor '\(tensor)' has data_offsets [\(begin), \(end)] outside the \(dataSize)-byte data section (the file may be truncated)"
        case let .overlappingOffsets(first, second):
            return "tensors '\(first)' and '\(second)' have overlapping data_offsets"
        case let .sizeMismatch(tensor, expected, actual):
            return "tensor '\(tensor)' needs \(expected) bytes for its shape and dtype but its data_offsets span \(actual)"
        case let .duplicateName(name):
            return "two tensors are named '\(name)'; names must be unique"
        }
    }
}

import Foundation

/// An array stored in the IDX format of the MNIST files: `00 00 <type> <rank>`,
/// `rank` big-endian UInt32 dimensions, then the values, big-endian, row-major.
public struct IDXFile: Sendable {
    /// The element type named by the third header byte.
    public enum DataType: UInt8, Sendable, CustomStringConvertible {
        /// Unsigned byte (0x08).
        case uint8 = 0x08
        /// Signed byte (0x09).
        case int8 = 0x09
        /// Big-endian 16-bit integer (0x0B).
        case int16 = 0x0B
        /// Big-endian 32-bit integer (0x0C).
        case int32 = 0x0C
        /// Big-endian IEEE 754 single (0x0D).
        case float32 = 0x0D
        /// Big-endian IEEE 754 double (0x0E).
        case float64 = 0x0E

        /// Bytes per element.
        public var byteWidth: Int {
            switch self {
            case .uint8, .int8: return 1
            case .int16: return 2
            case .int32, .float32: return 4
            case .float64: return 8
            }
        }

        /// The type's name, e.g. "unsigned byte".
        public var description: String {
            switch self {
            case .uint8: return "unsigned byte"
            case .int8: return "signed byte"
            case .int16: return "16-bit integer"
            case .int32: return "32-bit integer"
            case .float32: return "32-bit float"
            case .float64: return "64-bit float"
            }
        }
    }

    /// The element type.
    public let dataType: DataType
    /// The dimensions, outermost first (e.g. `[60000, 28, 28]`).
    public let dimensions: [Int]
    /// The values exactly as stored (big-endian for multi-byte types); length = product of dimensions × width.
    public let payload: [UInt8]

    /// Parses IDX bytes, decompressing them first if they start with the gzip magic `1f 8b`.
    /// - Parameter fileName: the name used in error messages.
    /// - Throws: `IDXError` naming `fileName` and the problem.
    public init(bytes: [UInt8], fileName: String) throws {
        var raw = bytes
        if Gzip.isGzip(bytes) {
            do { raw = try Gzip.decompress(bytes) } catch let error as GzipError {
                throw IDXError(fileName: fileName, problem: .gzip(error))
            }
        }
        func fail(_ problem: IDXError.Problem) -> IDXError { IDXError(fileName: fileName, problem: problem) }
        guard raw.count >= 4 else { throw fail(.headerTruncated(byteCount: raw.count)) }
        guard raw[0] == 0, raw[1] == 0 else { throw fail(.badMagic(raw[0], raw[1])) }
        guard let type = DataType(rawValue: raw[2]) else { throw fail(.unknownDataType(raw[2])) }
        let rank = Int(raw[3])
        let headerSize = 4 + 4 * rank
        guard raw.count >= headerSize else { throw fail(.headerTruncated(byteCount: raw.count)) }
        var dims: [Int] = []
        var elementCount = 1
        for d in 0..<rank {
            let o = 4 + 4 * d
            let dim = Int(raw[o]) << 24 | Int(raw[o + 1]) << 16 | Int(raw[o + 2]) << 8 | Int(raw[o + 3])
            dims.append(dim)
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: dim)
            guard !overflow, product <= Int(Int32.max) * 64 else { throw fail(.tooLarge(dimensions: dims)) }
            elementCount = product
        }
        let expected = elementCount * type.byteWidth
        let actual = raw.count - headerSize
        if actual < expected { throw fail(.truncated(dimensions: dims, expectedBytes: expected, actualBytes: actual)) }
        if actual > expected { throw fail(.trailingBytes(dimensions: dims, expectedBytes: expected, actualBytes: actual)) }
        dataType = type
        dimensions = dims
        payload = Array(raw[headerSize...])
    }

    /// Reads and parses an IDX file, raw or gzip-compressed.
    /// - Throws: `IDXError` naming the file and the problem.
    public init(contentsOf url: URL) throws {
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: url)) } catch {
            throw IDXError(fileName: url.lastPathComponent, problem: .unreadable(error.localizedDescription))
        }
        try self.init(bytes: bytes, fileName: url.lastPathComponent)
    }

    /// The number of elements (product of the dimensions).
    public var elementCount: Int { dimensions.reduce(1, *) }

    /// The values as `Float`, converting from whatever type the file stores.
    public func floatValues() -> [Float] {
        let count = elementCount
        return payload.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count {
                    switch dataType {
                    case .uint8: out[i] = Float(raw[i])
                    case .int8: out[i] = Float(Int8(bitPattern: raw[i]))
                    case .int16: out[i] = Float(Int16(bigEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self)))
                    case .int32: out[i] = Float(Int32(bigEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
                    case .float32:
                        out[i] = Float(bitPattern: UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                    case .float64:
                        out[i] = Float(Double(bitPattern: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))))
                    }
                }
                initialized = count
            }
        }
    }

    /// Checks that the file holds `dataType` values in `rank` dimensions.
    /// - Throws: `IDXError` naming `fileName` otherwise.
    public func expect(_ dataType: DataType, rank: Int, fileName: String) throws {
        guard self.dataType == dataType else {
            throw IDXError(fileName: fileName, problem: .unexpectedDataType(found: self.dataType, expected: dataType))
        }
        guard dimensions.count == rank else {
            throw IDXError(fileName: fileName, problem: .unexpectedRank(found: dimensions.count, expected: rank))
        }
    }
}

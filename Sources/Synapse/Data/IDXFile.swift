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

    /// The most elements a header may declare: 2³¹ − 1 (8 GiB of doubles).
    public static let maximumElementCount = Int(Int32.max)

    /// Parses IDX bytes, decompressing them first if they start with the gzip magic `1f 8b`.
    /// A compressed file may inflate only to what its header declares (plus
    /// `DecompressionLimit.margin`), so a small file cannot claim gigabytes.
    /// - Parameters:
    ///   - bytes: the file's contents, raw or gzip.
    ///   - fileName: the name used in error messages.
    /// - Throws: `IDXError` naming `fileName` and the problem.
    public init(bytes: [UInt8], fileName: String) throws {
        var raw = bytes
        if Gzip.isGzip(bytes) {
            do { raw = try Gzip.decompress(bytes, limit: Self.decompressionLimit) } catch let error as GzipError {
                throw IDXError(fileName: fileName, problem: .gzip(error))
            }
        }
        func fail(_ problem: IDXError.Problem) -> IDXError { IDXError(fileName: fileName, problem: problem) }
        let header: Header
        switch Self.header(raw) {
        case .success(let found): header = found
        case .failure(let failure): throw fail(failure.problem)
        }
        let expected = header.elementCount * header.dataType.byteWidth
        let actual = raw.count - header.size
        if actual < expected { throw fail(.truncated(dimensions: header.dimensions, expectedBytes: expected, actualBytes: actual)) }
        if actual > expected { throw fail(.trailingBytes(dimensions: header.dimensions, expectedBytes: expected, actualBytes: actual)) }
        dataType = header.dataType
        dimensions = header.dimensions
        // In place when `raw` is the inflated copy, so a large file is not held twice.
        raw.removeFirst(header.size)
        payload = raw
    }

    /// A decoded header: type, dimensions, element count and header length.
    private struct Header {
        var dataType: DataType
        var dimensions: [Int]
        var elementCount: Int
        var size: Int
    }

    /// What is wrong with a header, as an `Error` so that it fits in a `Result`.
    private struct HeaderProblem: Error {
        let problem: IDXError.Problem
        init(_ problem: IDXError.Problem) { self.problem = problem }
    }

    /// The header at the start of `raw`, or the problem with it. Every
    /// dimension, zeros aside, must multiply to at most `maximumElementCount`.
    private static func header<Bytes: RandomAccessCollection>(_ raw: Bytes) -> Result<Header, HeaderProblem>
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let start = raw.startIndex
        guard raw.count >= 4 else { return .failure(HeaderProblem(.headerTruncated(byteCount: raw.count))) }
        guard raw[start] == 0, raw[start + 1] == 0 else { return .failure(HeaderProblem(.badMagic(raw[start], raw[start + 1]))) }
        guard let type = DataType(rawValue: raw[start + 2]) else { return .failure(HeaderProblem(.unknownDataType(raw[start + 2]))) }
        let rank = Int(raw[start + 3])
        let size = 4 + 4 * rank
        guard raw.count >= size else { return .failure(HeaderProblem(.headerTruncated(byteCount: raw.count))) }
        var dimensions: [Int] = []
        var elementCount = 1, nonzeroProduct = 1
        for d in 0 ..< rank {
            let o = start + 4 + 4 * d
            let dimension = Int(raw[o]) << 24 | Int(raw[o + 1]) << 16 | Int(raw[o + 2]) << 8 | Int(raw[o + 3])
            dimensions.append(dimension)
            let (product, overflow) = nonzeroProduct.multipliedReportingOverflow(by: max(dimension, 1))
            guard !overflow, product <= maximumElementCount else { return .failure(HeaderProblem(.tooLarge(dimensions: dimensions))) }
            nonzeroProduct = product
            elementCount *= dimension
        }
        return .success(Header(dataType: type, dimensions: dimensions, elementCount: elementCount, size: size))
    }

    /// How far a gzip-compressed IDX file may inflate: once its header is
    /// out, exactly the bytes the header declares plus a margin; before
    /// that, or if the header is broken, the longest header plus the margin.
    public static let decompressionLimit = DecompressionLimit { prefix in
        let longestHeader = 4 + 4 * 255
        guard case .success(let header) = Self.header(prefix) else { return longestHeader + DecompressionLimit.margin }
        return header.size + header.elementCount * header.dataType.byteWidth + DecompressionLimit.margin
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

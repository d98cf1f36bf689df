/// PNG decoding to greyscale (ISO/IEC 15948): every colour type and bit
/// depth of non-interlaced images. Colour is converted to grey with the
/// ITU-R BT.601 weights (0.299 R + 0.587 G + 0.114 B, as PIL's `L` mode);
/// alpha is composited over black (MNIST's background); 16-bit samples keep
/// their high byte; lower bit depths are scaled to 0…255.
public enum PNGImage {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Whether `bytes` start with the PNG signature.
    public static func hasSignature(_ bytes: [UInt8]) -> Bool {
        bytes.count >= signature.count && Array(bytes[0 ..< signature.count]) == signature
    }

    /// Decodes a PNG file; `file` names it in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws -> GreyscaleImage {
        func malformed(_ reason: String) -> ImageDecodingError { .malformed(file: file, format: "PNG", reason: reason) }
        guard hasSignature(bytes) else { throw malformed("the PNG signature is missing") }
        let chunks = try PNGChunks(bytes, file: file)
        let header = try PNGHeader(chunks.header, file: file)
        let zlib = try chunks.imageData()
        let raw = try ZlibStream.decompress(zlib, maximumOutput: header.filteredByteCount, file: file)
        let scanlines = try PNGFilter.unfilter(raw, header: header, file: file)
        return try header.greyscale(from: scanlines, palette: chunks.palette, file: file)
    }
}

/// The chunks of a PNG file, CRC-checked.
struct PNGChunks {
    private(set) var header: [UInt8] = []
    private(set) var palette: [UInt8]?
    private var data: [[UInt8]] = []
    private let file: String

    init(_ bytes: [UInt8], file: String) throws {
        self.file = file
        func malformed(_ reason: String) -> ImageDecodingError { .malformed(file: file, format: "PNG", reason: reason) }
        var position = PNGImage.signature.count
        var sawEnd = false, index = 0
        while position < bytes.count, !sawEnd {
            guard bytes.count - position >= 12 else { throw malformed("chunk \(index) is truncated at byte \(position)") }
            let length = bytes[position ..< position + 4].reduce(0) { $0 << 8 | Int($1) }
            let typeBytes = Array(bytes[position + 4 ..< position + 8])
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard length <= bytes.count - position - 12 else {
                throw malformed("chunk '\(type)' claims \(length) bytes but the file ends first")
            }
            let body = Array(bytes[position + 8 ..< position + 8 + length])
            let stored = bytes[position + 8 + length ..< position + 12 + length].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard CRC32.checksum(typeBytes + body) == stored else { throw malformed("chunk '\(type)' fails its CRC check") }
            switch type {
            case "IHDR":
                guard index == 0 else { throw malformed("IHDR must be the first chunk") }
                header = body
            case "PLTE": palette = body
            case "IDAT": data.append(body)
            case "IEND": sawEnd = true
            default:
                // An unknown critical chunk (uppercase first letter) changes how the image reads.
                if index == 0 { throw malformed("the first chunk is '\(type)', not IHDR") }
                if typeBytes[0] & 0x20 == 0 {
                    throw ImageDecodingError.unsupported(file: file, format: "PNG", feature: "critical chunk '\(type)'")
                }
            }
            position += 12 + length
            index += 1
        }
        guard !header.isEmpty else { throw malformed("there is no IHDR chunk") }
        guard sawEnd else { throw malformed("the file ends before the IEND chunk (truncated?)") }
    }

    /// The IDAT chunks' bytes, joined: one zlib stream.
    func imageData() throws -> [UInt8] {
        guard !data.isEmpty else { throw ImageDecodingError.malformed(file: file, format: "PNG", reason: "there is no IDAT chunk") }
        return Array(data.joined())
    }
}

/// A zlib stream (RFC 1950): a two-byte header, DEFLATE data and the
/// Adler-32 checksum of the decompressed bytes.
enum ZlibStream {
    /// The decompressed bytes, checked against the stream's Adler-32.
    /// Inflating stops once the output passes `maximumOutput` plus
    /// `DecompressionLimit.margin`: the header says how much there should be.
    static func decompress(_ bytes: [UInt8], maximumOutput: Int, file: String) throws -> [UInt8] {
        func malformed(_ reason: String) -> ImageDecodingError { .malformed(file: file, format: "PNG", reason: reason) }
        guard bytes.count >= 6 else { throw malformed("the image data is too short to be a zlib stream") }
        let method = bytes[0], flags = bytes[1]
        guard method & 0x0F == 8, method >> 4 <= 7, (Int(method) << 8 | Int(flags)) % 31 == 0 else {
            throw malformed("the image data does not start with a zlib DEFLATE header")
        }
        guard flags & 0x20 == 0 else { throw malformed("the zlib stream asks for a preset dictionary, which PNG forbids") }
        let output: [UInt8]
        do {
            output = try Inflate.decompress(Array(bytes[2 ..< bytes.count - 4]),
                                            limit: .bytes(maximumOutput + DecompressionLimit.margin))
        } catch {
            throw malformed("the image data does not decompress (\(error))")
        }
        let stored = bytes[bytes.count - 4 ..< bytes.count].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard adler32(output) == stored else { throw malformed("the image data fails its Adler-32 check") }
        return output
    }

    /// The Adler-32 checksum (RFC 1950 §8.2).
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        var index = 0
        while index < bytes.count {
            // 5552 bytes is the most that cannot overflow before the modulo.
            let end = min(index + 5552, bytes.count)
            while index < end {
                a += UInt32(bytes[index])
                b += a
                index += 1
            }
            a %= 65521
            b %= 65521
        }
        return b << 16 | a
    }
}

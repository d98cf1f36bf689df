/// Netpbm greymaps: `P2` (pixel values as decimal text) and `P5` (binary,
/// one byte per pixel, or two big-endian bytes when the maximum value is
/// above 255). Values are rescaled from `0…maxval` to `0…255`.
public enum PGMImage {
    /// Whether `bytes` start like a PGM file (`P2` or `P5`).
    public static func hasSignature(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == UInt8(ascii: "P") && (bytes[1] == UInt8(ascii: "2") || bytes[1] == UInt8(ascii: "5"))
    }

    /// Decodes a P2 or P5 file; `file` names it in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws -> GreyscaleImage {
        func malformed(_ reason: String) -> ImageDecodingError { .malformed(file: file, format: "PGM", reason: reason) }
        guard hasSignature(bytes) else { throw malformed("it does not start with P2 or P5") }
        let isBinary = bytes[1] == UInt8(ascii: "5")
        var reader = TextReader(bytes: bytes, position: 2)
        guard let width = reader.nextNumber(), let height = reader.nextNumber(), let maxValue = reader.nextNumber() else {
            throw malformed("the header must give width, height and maximum value as decimal numbers")
        }
        guard GreyscaleImage.isAcceptedSize(width: width, height: height) else {
            throw malformed("size \(width)×\(height) is not valid (at most \(GreyscaleImage.maximumPixelCount) pixels)")
        }
        guard (1 ... 65535).contains(maxValue) else { throw malformed("maximum value \(maxValue) is not in 1…65535") }
        let count = width * height
        // The raster must be there before anything is allocated for it: P5
        // needs 1 or 2 bytes a pixel, P2 a digit and a separator per value.
        let rasterStart = reader.position + (isBinary ? 1 : 0)
        let available = max(0, bytes.count - rasterStart)
        let byteWidth = maxValue > 255 ? 2 : 1
        let needed = isBinary ? count * byteWidth : 2 * count - 1
        guard available >= needed else {
            throw malformed("the raster has \(available) bytes, \(needed) needed for \(width)×\(height)")
        }
        var values = [Int](repeating: 0, count: count)
        if isBinary {
            // Exactly one whitespace byte separates the header from the raster.
            var position = rasterStart
            for index in 0 ..< count {
                values[index] = byteWidth == 1 ? Int(bytes[position]) : Int(bytes[position]) << 8 | Int(bytes[position + 1])
                position += byteWidth
            }
        } else {
            for index in 0 ..< count {
                guard let value = reader.nextNumber() else {
                    throw malformed("expected \(count) pixel values for \(width)×\(height), found \(index)")
                }
                values[index] = value
            }
        }
        if let index = values.firstIndex(where: { $0 > maxValue }) {
            throw malformed("pixel \(index) is \(values[index]), above the maximum value \(maxValue)")
        }
        let pixels = values.map { UInt8(($0 * 255 + maxValue / 2) / maxValue) }
        return GreyscaleImage(width: width, height: height, pixels: pixels)
    }

    /// Reads the decimal numbers of a PGM header (and P2 raster), skipping
    /// whitespace and `#` comments.
    private struct TextReader {
        let bytes: [UInt8]
        var position: Int

        mutating func nextNumber() -> Int? {
            skipSeparators()
            var value = 0, digits = 0
            while position < bytes.count, let digit = Self.digit(bytes[position]) {
                value = value * 10 + digit
                digits += 1
                position += 1
                if digits > 9 { return nil }
            }
            return digits > 0 ? value : nil
        }

        private mutating func skipSeparators() {
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "#") {
                    while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
                } else if byte == 0x20 || (0x09 ... 0x0D).contains(byte) {
                    position += 1
                } else {
                    return
                }
            }
        }

        private static func digit(_ byte: UInt8) -> Int? {
            (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
        }
    }
}

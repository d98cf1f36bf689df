/// Writes 8-bit RGB PNG files (ISO/IEC 15948): IHDR, one IDAT and IEND, with
/// per-row adaptive filtering and DEFLATE compression. The reader's other half.
enum PNGEncoder {
    /// A PNG file of `width × height` RGB pixels (3 bytes each, row by row).
    static func encodeRGB(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        precondition(pixels.count == width * height * 3, "PNGEncoder: \(pixels.count) bytes are not \(width)×\(height) RGB pixels")
        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]   // bit depth 8, colour type 2 (RGB), deflate, filter method 0, no interlace
        let filtered = PNGFilter.filter(pixels, rowBytes: width * 3, height: height, bytesPerPixel: 3)
        var file = PNGImage.signature
        file += chunk("IHDR", header)
        file += chunk("IDAT", ZlibStream.compress(filtered))
        file += chunk("IEND", [])
        return file
    }

    /// One chunk: length, type, body and the CRC-32 of type and body.
    private static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        return bigEndian(UInt32(body.count)) + typed + bigEndian(CRC32.checksum(typed))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}

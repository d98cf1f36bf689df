import Foundation
@testable import Synapse

/// Tiny tampered inputs for the parser-hardening tests, built in memory.
enum TamperedBytes {
    /// A raw DEFLATE stream of one fixed-Huffman block: `literals`, then
    /// `repeats` matches of 258 bytes at distance 1 (each 13 bits, so the
    /// output is about 160 times the input: a small decompression bomb).
    static func deflateBomb(literals: [UInt8], repeats: Int) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, bits: 1)  // final block
        writer.write(1, bits: 2)  // fixed Huffman codes
        for literal in literals {
            if literal < 144 {
                writer.writeCode(0x30 + Int(literal), length: 8)
            } else {
                writer.writeCode(0x190 + Int(literal) - 144, length: 9)
            }
        }
        for _ in 0 ..< repeats {
            writer.writeCode(0xC0 + 285 - 280, length: 8)  // length 258
            writer.writeCode(0, length: 5)  // distance 1
        }
        writer.writeCode(0, length: 7)  // end of block
        return writer.bytes
    }

    /// `bytes` as raw DEFLATE stored (uncompressed) blocks.
    static func storedDeflate(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var start = 0
        repeat {
            let end = min(start + 65_535, bytes.count)
            let length = UInt16(end - start)
            output += [end == bytes.count ? 1 : 0, UInt8(length & 0xFF), UInt8(length >> 8),
                       UInt8(~length & 0xFF), UInt8(~length >> 8)]
            output += bytes[start ..< end]
            start = end
        } while start < bytes.count
        return output
    }

    /// `deflate` in a gzip member whose trailer claims `originalSize` bytes.
    static func gzip(deflate: [UInt8], crc: UInt32 = 0, originalSize: UInt32 = 0) -> [UInt8] {
        [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + deflate + littleEndian(crc) + littleEndian(originalSize)
    }

    /// `deflate` in a zlib stream (RFC 1950) with the given Adler-32.
    static func zlib(deflate: [UInt8], adler: UInt32 = 0) -> [UInt8] {
        [0x78, 0x01] + deflate + bigEndian(adler)
    }

    /// An IDX header: `00 00 type rank` and the big-endian dimensions.
    static func idxHeader(type: UInt8 = 0x08, dimensions: [UInt32]) -> [UInt8] {
        [0, 0, type, UInt8(dimensions.count)] + dimensions.flatMap(bigEndian)
    }

    /// A PNG of the given chunks (type and body), each with a correct CRC.
    static func png(_ chunks: [(String, [UInt8])]) -> [UInt8] {
        var bytes = PNGImage.signature
        for (type, body) in chunks {
            let typeBytes = Array(type.utf8)
            bytes += bigEndian(UInt32(body.count)) + typeBytes + body + bigEndian(CRC32.checksum(typeBytes + body))
        }
        return bytes
    }

    /// An IHDR body: size, bit depth, colour type, and zeros for the rest.
    static func ihdr(width: UInt32, height: UInt32, bitDepth: UInt8 = 8, colorType: UInt8 = 0) -> [UInt8] {
        bigEndian(width) + bigEndian(height) + [bitDepth, colorType, 0, 0, 0]
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] { bigEndian(value).reversed() }

    /// Packs bits least-significant first, as DEFLATE does.
    private struct BitWriter {
        var bytes: [UInt8] = []
        private var bitCount = 0

        mutating func write(_ value: Int, bits: Int) {
            for bit in 0 ..< bits {
                if bitCount % 8 == 0 { bytes.append(0) }
                bytes[bytes.count - 1] |= UInt8((value >> bit) & 1) << UInt8(bitCount % 8)
                bitCount += 1
            }
        }

        /// A Huffman code, which DEFLATE stores most-significant bit first.
        mutating func writeCode(_ code: Int, length: Int) {
            for bit in stride(from: length - 1, through: 0, by: -1) { write((code >> bit) & 1, bits: 1) }
        }
    }
}

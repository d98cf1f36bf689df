import XCTest
@testable import Synapse

final class DataGzipTests: XCTestCase {
    private func assertDecompresses(_ fixture: String, to expected: [UInt8],
                                    file: StaticString = #filePath, line: UInt = #line) throws {
        let output = try Gzip.decompress(try DataFixtures.bytes(fixture))
        XCTAssertEqual(output.count, expected.count, fixture, file: file, line: line)
        XCTAssert(output == expected, "\(fixture) decompressed to different bytes", file: file, line: line)
    }

    func testStoredBlocks() throws {
        try assertDecompresses("stored.gz", to: try DataFixtures.bytes("noise.bin"))
    }

    func testFixedHuffmanBlocks() throws {
        try assertDecompresses("fixed.gz", to: try DataFixtures.bytes("text.txt"))
    }

    func testDynamicHuffmanBlocks() throws {
        try assertDecompresses("dynamic.gz", to: try DataFixtures.bytes("text.txt"))
    }

    func testMultipleMembersAreConcatenated() throws {
        try assertDecompresses("multimember.gz", to: try DataFixtures.bytes("text.txt") + DataFixtures.bytes("noise.bin"))
    }

    func testFileNameHeader() throws {
        try assertDecompresses("fname.gz", to: try DataFixtures.bytes("text.txt"))
    }

    func testAllOptionalHeaderFields() throws {
        try assertDecompresses("allflags.gz", to: try DataFixtures.bytes("text.txt"))
    }

    func testTrailingZeroPaddingIsIgnored() throws {
        let padded = try DataFixtures.bytes("dynamic.gz") + [UInt8](repeating: 0, count: 5)
        XCTAssertEqual(try Gzip.decompress(padded), try DataFixtures.bytes("text.txt"))
    }

    func testTrailingGarbageIsRejected() throws {
        let garbage = try DataFixtures.bytes("dynamic.gz") + [0x42, 0x42]
        XCTAssertThrowsError(try Gzip.decompress(garbage)) { error in
            guard case GzipError.corrupt = error else { return XCTFail("got \(error)") }
        }
    }

    func testCorruptedCRCIsReported() throws {
        var bytes = try DataFixtures.bytes("dynamic.gz")
        bytes[bytes.count - 8] ^= 0xFF
        XCTAssertThrowsError(try Gzip.decompress(bytes)) { error in
            guard case GzipError.checksumMismatch = error else { return XCTFail("got \(error)") }
        }
    }

    func testCorruptedPayloadFailsTheChecksumOrTheDecoder() throws {
        var bytes = try DataFixtures.bytes("stored.gz")
        bytes[5000] ^= 0x01  // inside a stored block: only the CRC can notice
        XCTAssertThrowsError(try Gzip.decompress(bytes)) { error in
            guard case GzipError.checksumMismatch = error else { return XCTFail("got \(error)") }
        }
    }

    func testWrongLengthIsReported() throws {
        var bytes = try DataFixtures.bytes("dynamic.gz")
        bytes[bytes.count - 4] ^= 0x01
        XCTAssertThrowsError(try Gzip.decompress(bytes)) { error in
            guard case GzipError.lengthMismatch = error else { return XCTFail("got \(error)") }
        }
    }

    func testCorruptedHeaderCRCIsReported() throws {
        var bytes = try DataFixtures.bytes("allflags.gz")
        bytes[20] ^= 0x01  // inside FEXTRA, covered by FHCRC
        XCTAssertThrowsError(try Gzip.decompress(bytes)) { error in
            guard case GzipError.corrupt(let what) = error else { return XCTFail("got \(error)") }
            XCTAssert(what.contains("FHCRC"), what)
        }
    }

    func testTruncatedStreamsAreReported() throws {
        let bytes = try DataFixtures.bytes("dynamic.gz")
        for cut in [5, 12, bytes.count / 2, bytes.count - 9, bytes.count - 3] {
            XCTAssertThrowsError(try Gzip.decompress(Array(bytes[..<cut])), "cut at \(cut)") { error in
                guard case GzipError.truncated = error else { return XCTFail("cut at \(cut): got \(error)") }
            }
        }
        let stored = try DataFixtures.bytes("stored.gz")
        XCTAssertThrowsError(try Gzip.decompress(Array(stored[..<40000]))) { error in
            guard case GzipError.truncated = error else { return XCTFail("got \(error)") }
        }
    }

    func testNonGzipInputIsRejected() {
        XCTAssertThrowsError(try Gzip.decompress([0x00, 0x00, 0x08, 0x03])) { error in
            XCTAssertEqual(error as? GzipError, .notGzip)
        }
        XCTAssertThrowsError(try Gzip.decompress([0x1F, 0x8B, 0x07, 0, 0, 0, 0, 0, 0, 0])) { error in
            XCTAssertEqual(error as? GzipError, .unsupportedMethod(7))
        }
    }

    func testRawDeflateInvalidBlockType() {
        // BFINAL = 1, BTYPE = 3 (reserved).
        XCTAssertThrowsError(try Inflate.decompress([0b0000_0111])) { error in
            guard case GzipError.corrupt = error else { return XCTFail("got \(error)") }
        }
    }

    func testCRC32KnownValues() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([]), 0)
        XCTAssertEqual(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)), 0x414F_A339)
    }

    func testCRC32IncrementalMatchesOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var crc = CRC32()
        bytes[..<333].withUnsafeBytes { crc.update($0) }
        bytes[333...].withUnsafeBytes { crc.update($0) }
        XCTAssertEqual(crc.value, CRC32.checksum(bytes))
    }
}

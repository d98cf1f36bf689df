import Foundation
import XCTest
@testable import Synapse

/// PNG and PGM files whose headers overflow, ask for huge images, or
/// inflate past their size (issue 10, items 20, 23 and 24).
final class ParserHardeningImageTests: XCTestCase {
    private func assertMalformed(_ bytes: [UInt8], contains text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try GreyscaleImage(decoding: bytes, file: "tampered"), file: file, line: line) { error in
            guard case let .malformed(name, _, reason)? = error as? ImageDecodingError else {
                return XCTFail("\(error)", file: file, line: line)
            }
            XCTAssertEqual(name, "tampered", file: file, line: line)
            XCTAssertTrue(reason.contains(text), reason, file: file, line: line)
        }
    }

    func testA45BytePNGClaiming4GigapixelSidesIsMalformed() {
        let png = TamperedBytes.png([("IHDR", TamperedBytes.ihdr(width: UInt32.max, height: UInt32.max)), ("IEND", [])])
        XCTAssertEqual(png.count, 45)
        assertMalformed(png, contains: "size 4294967295×4294967295 is not valid")
    }

    func testAPNGLargerThanThePixelCapIsMalformed() {
        let png = TamperedBytes.png([("IHDR", TamperedBytes.ihdr(width: 1 << 14, height: 1 << 13)), ("IEND", [])])
        assertMalformed(png, contains: "at most \(GreyscaleImage.maximumPixelCount) pixels")
    }

    func testAPNGBombStopsAtWhatTheHeaderDeclares() {
        // A 1×1 grey image needs 2 bytes (filter byte and pixel); this stream gives about 10 MB.
        let zlib = TamperedBytes.zlib(deflate: TamperedBytes.deflateBomb(literals: [0, 0], repeats: 40_000))
        let png = TamperedBytes.png([("IHDR", TamperedBytes.ihdr(width: 1, height: 1)), ("IDAT", zlib), ("IEND", [])])
        XCTAssertLessThan(png.count, 70_000)
        assertMalformed(png, contains: "inflates to more than \(2 + DecompressionLimit.margin) bytes")
    }

    func testATextPGMHeaderOfAQuarterGigapixelIsRejectedBeforeAllocating() {
        assertMalformed(Array("P2 16384 16384 255".utf8), contains: "at most \(GreyscaleImage.maximumPixelCount) pixels")
    }

    func testAPGMRasterShorterThanItsHeaderIsRejectedBeforeAllocating() {
        // 8000 × 8000 is under the cap; the data must be checked before the 64M pixels are allocated.
        assertMalformed(Array("P2 8000 8000 255\n1 2 3".utf8), contains: "the raster has 6 bytes, 127999999 needed for 8000×8000")
        assertMalformed(Array("P5 8000 8000 255\n\u{1}\u{2}".utf8), contains: "the raster has 2 bytes, 64000000 needed for 8000×8000")
    }

    func testASmallTextPGMStillReads() throws {
        let image = try GreyscaleImage(decoding: Array("P2\n# c\n2 1 255\n0 255".utf8), file: "ok.pgm")
        XCTAssertEqual(image.pixels, [0, 255])
    }
}

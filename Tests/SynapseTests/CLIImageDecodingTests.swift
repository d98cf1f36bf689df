import Foundation
import XCTest
@testable import Synapse

/// PGM and PNG decoding against the fixtures written (with their expected
/// pixels) by Fixtures/io/images/make_images.py.
final class CLIImageDecodingTests: XCTestCase {
    private struct Expected: Decodable {
        var width: Int
        var height: Int
        var pixels: [UInt8]
    }

    static func image(_ name: String) -> URL { ioFixture("images/\(name)") }

    private func expectations() throws -> [String: Expected] {
        try JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: Self.image("expected.json")))
    }

    func testEveryFixtureDecodesToItsExpectedPixels() throws {
        let all = try expectations()
        XCTAssertGreaterThanOrEqual(all.count, 9)
        for (name, expected) in all.sorted(by: { $0.key < $1.key }) {
            let image = try GreyscaleImage(contentsOf: Self.image(name))
            XCTAssertEqual(image.width, expected.width, name)
            XCTAssertEqual(image.height, expected.height, name)
            XCTAssertEqual(image.pixels, expected.pixels, name)
        }
    }

    func testThePNGAndPGMDigitsAreTheFirstEmbeddedTestImage() throws {
        let test = try MNIST.embeddedSample().splits.test
        let first = Array(test.images[0 ..< 784])
        for name in ["digit_grey8.png", "digit_p5.pgm", "digit_p2.pgm"] {
            XCTAssertEqual(try GreyscaleImage(contentsOf: Self.image(name)).pixels, first, name)
        }
        XCTAssertEqual(try GreyscaleImage(contentsOf: Self.image("digit_libpng.png")).pixels, Array(test.images[784 ..< 1568]))
        let tensor = try GreyscaleImage(contentsOf: Self.image("digit_grey8.png")).tensor()
        XCTAssertEqual(tensor.shape, [28, 28])
        XCTAssertEqual(tensor, test.batch(at: [0]).inputs.reshaped(to: [28, 28]))
    }

    func testAdler32MatchesRFC1950() {
        XCTAssertEqual(ZlibStream.adler32(Array("Wikipedia".utf8)), 0x11E6_0398)
        XCTAssertEqual(ZlibStream.adler32([]), 1)
        // Long enough to need the periodic modulo.
        let long = [UInt8](repeating: 255, count: 100_000)
        var a: UInt64 = 1, b: UInt64 = 0
        for byte in long { a = (a + UInt64(byte)) % 65521; b = (b + a) % 65521 }
        XCTAssertEqual(ZlibStream.adler32(long), UInt32(b << 16 | a))
    }

    func testPaethPicksTheClosestNeighbour() {
        XCTAssertEqual(PNGFilter.paeth(10, 20, 15), 15)  // estimate 15: upper-left
        XCTAssertEqual(PNGFilter.paeth(10, 20, 10), 20)  // estimate 20: up
        XCTAssertEqual(PNGFilter.paeth(10, 20, 20), 10)  // estimate 10: left
        XCTAssertEqual(PNGFilter.paeth(5, 5, 5), 5)
        // Ties go to left, then up, then upper-left (a tie between left and
        // up is only possible when they are equal).
        XCTAssertEqual(PNGFilter.paeth(10, 40, 20), 40)  // estimate 30: up and upper-left both 10 away
        XCTAssertEqual(PNGFilter.paeth(40, 10, 20), 40)  // estimate 30: left and upper-left both 10 away
    }

    // MARK: Bad input

    private func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: Self.image(name))) }

    private func assertError(_ bytes: [UInt8], contains text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try GreyscaleImage(decoding: bytes, file: "x.img"), file: file, line: line) { error in
            XCTAssertTrue("\(error)".hasPrefix("x.img: "), "\(error)", file: file, line: line)
            XCTAssertTrue("\(error)".contains(text), "\(error)", file: file, line: line)
        }
    }

    func testInterlacedPNGsAreRefusedAsUnsupported() throws {
        XCTAssertThrowsError(try GreyscaleImage(contentsOf: Self.image("interlaced.png"))) { error in
            XCTAssertEqual(error as? ImageDecodingError,
                           .unsupported(file: Self.image("interlaced.png").path, format: "PNG", feature: "interlacing (Adam7)"))
        }
    }

    func testCorruptPNGsAreTypedErrors() throws {
        let good = try bytes("rgb8.png")
        var badCRC = good
        badCRC[20] ^= 0x01  // inside IHDR
        assertError(badCRC, contains: "chunk 'IHDR' fails its CRC check")
        assertError(Array(good.prefix(good.count - 12)), contains: "before the IEND chunk")
        assertError(Array(good.prefix(40)), contains: "broken PNG file")
        assertError(Array(good.prefix(8)), contains: "no IHDR chunk")
    }

    func testCorruptPixelDataIsCaughtByTheChecksums() throws {
        // Rewrite the one IDAT chunk with a flipped Adler-32 and a valid CRC,
        // so only the zlib checksum can notice.
        var png = try bytes("rgb8.png")
        guard let start = (8 ..< png.count - 4).first(where: { Array(png[$0 ..< $0 + 4]) == Array("IDAT".utf8) }) else {
            return XCTFail("no IDAT")
        }
        let length = png[start - 4 ..< start].reduce(0) { $0 << 8 | Int($1) }
        png[start + 4 + length - 1] ^= 0xFF
        let crc = CRC32.checksum(Array(png[start ..< start + 4 + length]))
        for i in 0 ..< 4 { png[start + 4 + length + i] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * i)) }
        assertError(png, contains: "Adler-32")
    }

    func testUnknownFormatsAndBadGreymapsAreTypedErrors() {
        assertError(Array("GIF89a".utf8), contains: "not a PGM (P2/P5) or PNG image")
        assertError(Array("P5 3 2 255\n\u{1}\u{2}".utf8), contains: "the raster has 2 bytes, 6 needed for 3×2")
        assertError(Array("P2 2 1 15 3 16".utf8), contains: "pixel 1 is 16, above the maximum value 15")
        assertError(Array("P2 2 1 15 3".utf8), contains: "the raster has 2 bytes, 3 needed for 2×1")
        assertError(Array("P2 2 1 15 3 x".utf8), contains: "expected 2 pixel values for 2×1, found 1")
        assertError(Array("P2 # no size".utf8), contains: "width, height and maximum value")
        XCTAssertThrowsError(try GreyscaleImage(contentsOf: URL(fileURLWithPath: "/no/such/image.png"))) { error in
            guard case .unreadable(let file, _)? = error as? ImageDecodingError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "/no/such/image.png")
        }
    }

    func testSixteenBitGreymapsAreRescaled() throws {
        let image = try PGMImage.decode(Array("P5 2 1 65535\n".utf8) + [0xFF, 0xFF, 0x80, 0x00], file: "g16.pgm")
        XCTAssertEqual(image.pixels, [255, 128])
    }
}

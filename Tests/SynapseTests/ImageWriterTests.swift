import Foundation
import XCTest
@testable import Synapse

/// The image writer: DEFLATE compression, PNG encoding, colormaps and the
/// pixel font (shared by heat maps, raster plots and image grids).
final class ImageWriterTests: XCTestCase {
    private func roundTrip(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let compressed = Deflate.compress(bytes)
        XCTAssertEqual(try Inflate.decompress(compressed), bytes, file: file, line: line)
    }

    func testDeflateRoundTripsThroughTheProjectsInflate() throws {
        var generator = SeededGenerator(seed: 11)
        try roundTrip([])
        try roundTrip([42])
        try roundTrip((0 ..< 5000).map { _ in UInt8.random(in: 0 ... 255, using: &generator) })
        try roundTrip([UInt8](repeating: 7, count: 100_000))             // runs of the longest match, 258
        try roundTrip((0 ..< 70_000).map { UInt8(truncatingIfNeeded: $0 % 251) })   // distances near the window
        try roundTrip(Array("the quick brown fox jumps over the lazy dog; the quick brown fox".utf8))
        for length in [3, 4, 10, 11, 257, 258, 259, 515] {                // every length boundary kind
            try roundTrip([1, 2, 3] + [UInt8](repeating: 9, count: length) + [4])
        }
    }

    func testDeflateCompressesFlatPictures() {
        let flat = [UInt8](repeating: 200, count: 30_000)
        XCTAssertLessThan(Deflate.compress(flat).count, 300)
    }

    func testAPNGDecodesWithTheProjectsReader() throws {
        let grey = GreyscaleImage(width: 7, height: 5, pixels: (0 ..< 35).map { UInt8($0 * 7) })
        let decoded = try PNGImage.decode(RGBImage(grey).pngData(), file: "written.png")
        XCTAssertEqual(decoded, grey)
    }

    func testColourSurvivesTheProjectsReaderAsItsGreyLevel() throws {
        var image = RGBImage(width: 3, height: 2, fill: .white)
        image[x: 0, y: 0] = RGBColor(red: 255, green: 0, blue: 0)
        image[x: 1, y: 1] = RGBColor(red: 0, green: 0, blue: 255)
        let decoded = try PNGImage.decode(image.pngData(), file: "colour.png")
        XCTAssertEqual(decoded.pixels, [76, 255, 255, 255, 29, 255])   // BT.601: 0.299·255, 0.114·255
    }

    func testPythonsZlibAndPNGParseReadWhatSynapseWrites() throws {
        let candidates = [ProcessInfo.processInfo.environment[InteropPython.environmentKey], "/usr/bin/python3", "/usr/local/bin/python3"]
        guard let python = candidates.compactMap({ $0 }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("needs python3 to decode PNGs with zlib")
        }
        let directory = try makeTemporaryDirectory(self)
        var generator = SeededGenerator(seed: 5)
        let width = 37, height = 23
        var image = RGBImage.heatMap((0 ..< width * height).map { _ in Float.random(in: -1 ... 1, using: &generator) },
                                     width: width, height: height, colormap: .coolwarm, range: -1 ... 1)
        image.fill(x: 0, y: 0, width: 20, height: 10, with: .white)
        BitmapFont.draw("7: 0.98", on: &image, x: 1, y: 1, color: .black)
        let png = directory.appendingPathComponent("image.png")
        let raw = directory.appendingPathComponent("image.rgb")
        try image.writePNG(to: png)
        try Data(image.pixels).write(to: raw)
        let result = try InteropPython.run("png_check.py", [png.path, raw.path, "\(width)", "\(height)"],
                                           with: URL(fileURLWithPath: python))
        XCTAssertEqual(result.status, 0, result.output)
    }

    func testWritingReplacesTheFileWholeAndLeavesNoTemporaries() throws {
        let directory = try makeTemporaryDirectory(self)
        let url = directory.appendingPathComponent("map.png")
        try RGBImage(width: 4, height: 4, fill: .black).writePNG(to: url)
        try RGBImage(width: 2, height: 3, fill: .white).writePNG(to: url)
        let decoded = try GreyscaleImage(contentsOf: url)
        XCTAssertEqual([decoded.width, decoded.height], [2, 3])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["map.png"])
    }

    func testPasteClipsAtTheEdgesAndScalingRepeatsPixels() {
        var canvas = RGBImage(width: 4, height: 3, fill: .black)
        canvas.paste(RGBImage(width: 3, height: 3, fill: .white), x: 2, y: -1)
        let whites = (0 ..< 3).flatMap { y in (0 ..< 4).map { x in canvas[x: x, y: y] == .white ? 1 : 0 } }
        XCTAssertEqual(whites, [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0])
        let scaled = canvas.scaled(by: 2)
        XCTAssertEqual([scaled.width, scaled.height], [8, 6])
        XCTAssertEqual(scaled[x: 5, y: 3], .white)
        XCTAssertEqual(scaled[x: 3, y: 3], .black)
    }

    func testColormapsInterpolateBetweenTheirAnchorsAndClamp() {
        XCTAssertEqual(Colormap.greys.color(at: 0.5), RGBColor(grey: 128))
        XCTAssertEqual(Colormap.viridis.color(at: -3), Colormap.viridis.anchors.first)
        XCTAssertEqual(Colormap.viridis.color(at: 7), Colormap.viridis.anchors.last)
        XCTAssertEqual(Colormap.coolwarm.color(at: 0.5), RGBColor(grey: 247))   // zero is near white
        XCTAssertEqual(Colormap.inferno.color(at: .nan), Colormap.inferno.anchors.first)
        let heat = RGBImage.heatMap([-1, 0, 1], width: 3, height: 1, colormap: .coolwarm, range: -1 ... 1)
        XCTAssertEqual([heat[x: 0, y: 0], heat[x: 1, y: 0], heat[x: 2, y: 0]], [Colormap.coolwarm.anchors[0], RGBColor(grey: 247), Colormap.coolwarm.anchors[4]])
    }

    func testTheFontDrawsEveryGlyphInsideItsCell() {
        let text = "0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz .,:;-+=/%()[]_'!?×εσ≤"
        for character in text {
            let rows = BitmapFont.rows(of: character)
            XCTAssertTrue(rows.count == 1 || rows.count == 7 || rows.count == 9, "\(character): \(rows.count) rows")
            XCTAssertTrue(rows.allSatisfy { $0 < 32 }, "\(character) is wider than 5 pixels")
        }
        XCTAssertNotEqual(BitmapFont.rows(of: "O"), BitmapFont.rows(of: "0"))
        XCTAssertEqual(BitmapFont.rows(of: "☃"), BitmapFont.parse("##### #...# #...# #...# #...# #...# #####"))
    }

    func testDrawnTextHasTheInkOfItsGlyphsAndTheMeasuredSize() {
        let size = BitmapFont.size(of: "1.5", scale: 2)
        XCTAssertEqual(size.width, (3 * BitmapFont.advance - 1) * 2)
        XCTAssertEqual(size.height, 18)
        var image = RGBImage(width: size.width, height: size.height, fill: .white)
        BitmapFont.draw("1.5", on: &image, x: 0, y: 0, color: .black, scale: 2)
        let ink = stride(from: 0, to: image.pixels.count, by: 3).filter { image.pixels[$0] == 0 }.count
        let expected = "1.5".map { BitmapFont.rows(of: $0).map { $0.nonzeroBitCount }.reduce(0, +) }.reduce(0, +) * 4
        XCTAssertEqual(ink, expected)
        XCTAssertEqual(image[x: 0, y: 0], .white)
        XCTAssertEqual(image[x: 4, y: 0], .black)   // the top of the "1" (column 2 of 5, scaled by 2)
    }
}

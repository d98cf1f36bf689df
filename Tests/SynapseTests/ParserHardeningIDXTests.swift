import Foundation
import XCTest
@testable import Synapse
@testable import SynapseCLI

/// IDX files that overflow, are empty, or inflate past their header
/// (issue 10, items 19, 24 and 27).
final class ParserHardeningIDXTests: XCTestCase {
    func testAZeroCountWithHugeImageSizesIsTooLargeNotAnOverflow() {
        let bytes = TamperedBytes.idxHeader(dimensions: [0, UInt32.max, UInt32.max])
        XCTAssertEqual(bytes.count, 16)
        XCTAssertThrowsError(try IDXFile(bytes: bytes, fileName: "images.idx")) { error in
            XCTAssertEqual(error as? IDXError, IDXError(fileName: "images.idx", problem: .tooLarge(dimensions: [0, Int(UInt32.max)])))
        }
    }

    func testTheDatasetLoaderRejectsTheOverflowingImagesFile() throws {
        let directory = try makeTemporaryDirectory(self)
        let images = TamperedBytes.idxHeader(dimensions: [0, UInt32.max, UInt32.max])
        let labels = TamperedBytes.idxHeader(dimensions: [0])
        for prefix in ["train", "t10k"] {
            try Data(images).write(to: directory.appendingPathComponent("\(prefix)-images-idx3-ubyte"))
            try Data(labels).write(to: directory.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
        }
        XCTAssertThrowsError(try MNIST.dataset.load(DatasetLoadOptions(directory: directory))) { error in
            guard case .tooLarge? = (error as? IDXError)?.problem else { return XCTFail("\(error)") }
        }
    }

    func testAGzipBombStopsAtWhatTheHeaderDeclares() {
        let header = TamperedBytes.idxHeader(dimensions: [1, 1, 1])
        let deflate = TamperedBytes.deflateBomb(literals: header + [7], repeats: 40_000)  // about 10 MB out
        XCTAssertLessThan(deflate.count, 70_000)
        let gzip = TamperedBytes.gzip(deflate: deflate)
        XCTAssertThrowsError(try IDXFile(bytes: gzip, fileName: "bomb.idx.gz")) { error in
            guard case .gzip(.outputTooLarge(let limit))? = (error as? IDXError)?.problem else { return XCTFail("\(error)") }
            XCTAssertEqual(limit, header.count + 1 + DecompressionLimit.margin)
        }
    }

    func testAGzipWithABrokenHeaderStopsEarlyToo() {
        let deflate = TamperedBytes.deflateBomb(literals: [0x50, 0x4B], repeats: 40_000)
        XCTAssertThrowsError(try IDXFile(bytes: TamperedBytes.gzip(deflate: deflate), fileName: "bomb.gz")) { error in
            guard case .gzip(.outputTooLarge(let limit))? = (error as? IDXError)?.problem else { return XCTFail("\(error)") }
            XCTAssertLessThan(limit, 200_000)
        }
    }

    func testAGzipThatInflatesExactlyToItsHeaderStillReads() throws {
        // 1 × 300 × 300 bytes, more than the 64 KiB initial buffer, so it grows under the limit.
        let header = TamperedBytes.idxHeader(dimensions: [1, 300, 300])
        let pixels = 90_000
        var raw = header + [7]
        raw += [UInt8](repeating: 7, count: pixels - 1)
        let stored = TamperedBytes.storedDeflate(raw)
        let gzip = TamperedBytes.gzip(deflate: stored, crc: CRC32.checksum(raw), originalSize: UInt32(raw.count))
        let file = try IDXFile(bytes: gzip, fileName: "ok.idx.gz")
        XCTAssertEqual(file.dimensions, [1, 300, 300])
        XCTAssertEqual(file.payload.count, pixels)
    }

    func testReleaseLeavesNoBufferBehind() {
        // Before the fix release() allocated a 1-byte buffer that nothing freed.
        var output = InflateOutput(capacityHint: 10)
        output.release()
        XCTAssertEqual(output.capacity, 0)
        output.release()  // a second release frees nothing twice
    }
}

/// `synapse predict` on IDX files with impossible image sizes.
final class ParserHardeningPredictionInputTests: XCTestCase {
    func testAnIDXImageWithZeroRowsIsATypedError() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("empty.idx")
        try Data(TamperedBytes.idxHeader(dimensions: [1, 0, 5])).write(to: url)
        XCTAssertThrowsError(try predictionImages(at: url.path)) { error in
            XCTAssertEqual(error as? DatasetError, .badImageShape(file: url.path, dimensions: [1, 0, 5]))
        }
    }

    func testAnOverflowingIDXHeaderIsATypedError() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("huge.idx")
        try Data(TamperedBytes.idxHeader(dimensions: [0, UInt32.max, UInt32.max])).write(to: url)
        XCTAssertThrowsError(try predictionImages(at: url.path)) { error in
            guard case .tooLarge? = (error as? IDXError)?.problem else { return XCTFail("\(error)") }
        }
    }
}

import XCTest
@testable import Synapse

final class DataIDXTests: XCTestCase {
    /// The pixels `make_fixtures.py` writes: (i·7 + 3) mod 256.
    private let expectedPixels = (0..<60).map { UInt8(($0 * 7 + 3) % 256) }

    func testReadsRawUnsignedByteImages() throws {
        let file = try IDXFile(contentsOf: DataFixtures.url("images-idx3-ubyte"))
        XCTAssertEqual(file.dataType, .uint8)
        XCTAssertEqual(file.dimensions, [3, 4, 5])
        XCTAssertEqual(file.payload, expectedPixels)
    }

    func testGzipAndRawGiveTheSameFile() throws {
        let raw = try IDXFile(contentsOf: DataFixtures.url("labels-idx1-ubyte"))
        let compressed = try IDXFile(contentsOf: DataFixtures.url("labels-idx1-ubyte.gz"))
        XCTAssertEqual(raw.dimensions, [3])
        XCTAssertEqual(raw.payload, [2, 0, 9])
        XCTAssertEqual(compressed.dimensions, raw.dimensions)
        XCTAssertEqual(compressed.payload, raw.payload)
        let images = try IDXFile(contentsOf: DataFixtures.url("images-idx3-ubyte.gz"))
        XCTAssertEqual(images.payload, expectedPixels)
    }

    func testReadsBigEndianFloats() throws {
        let file = try IDXFile(contentsOf: DataFixtures.url("floats-idx2-float"))
        XCTAssertEqual(file.dataType, .float32)
        XCTAssertEqual(file.dimensions, [2, 3])
        XCTAssertEqual(file.floatValues(), [0.5, -1.25, 3.0, 1e-3, -0.0, 65504.0])
    }

    func testWrongMagicIsReported() throws {
        var bytes = try DataFixtures.bytes("images-idx3-ubyte")
        bytes[0] = 0x50
        bytes[1] = 0x4B
        XCTAssertThrowsError(try IDXFile(bytes: bytes, fileName: "x.idx")) { error in
            let idx = error as? IDXError
            XCTAssertEqual(idx?.problem, .badMagic(0x50, 0x4B))
            XCTAssertEqual(idx?.fileName, "x.idx")
        }
    }

    func testUnknownDataTypeIsReported() throws {
        var bytes = try DataFixtures.bytes("images-idx3-ubyte")
        bytes[2] = 0x07
        XCTAssertThrowsError(try IDXFile(bytes: bytes, fileName: "x.idx")) { error in
            XCTAssertEqual((error as? IDXError)?.problem, .unknownDataType(0x07))
        }
    }

    func testTruncatedPayloadIsReportedWithSizesAndAdvice() throws {
        let bytes = try DataFixtures.bytes("images-idx3-ubyte")
        XCTAssertThrowsError(try IDXFile(bytes: Array(bytes[..<50]), fileName: "train-images-idx3-ubyte.gz")) { error in
            guard let idx = error as? IDXError else { return XCTFail("got \(error)") }
            XCTAssertEqual(idx.problem, .truncated(dimensions: [3, 4, 5], expectedBytes: 60, actualBytes: 34))
            XCTAssertEqual(idx.description,
                           "train-images-idx3-ubyte.gz: truncated: header says 3×4×5 = 60 bytes, file holds 34 — re-download it or delete it from the cache")
        }
    }

    func testTruncatedHeaderIsReported() throws {
        let bytes = try DataFixtures.bytes("images-idx3-ubyte")
        XCTAssertThrowsError(try IDXFile(bytes: Array(bytes[..<9]), fileName: "x")) { error in
            XCTAssertEqual((error as? IDXError)?.problem, .headerTruncated(byteCount: 9))
        }
    }

    func testExtraBytesAreReported() throws {
        let bytes = try DataFixtures.bytes("labels-idx1-ubyte") + [7]
        XCTAssertThrowsError(try IDXFile(bytes: bytes, fileName: "x")) { error in
            XCTAssertEqual((error as? IDXError)?.problem,
                           .trailingBytes(dimensions: [3], expectedBytes: 3, actualBytes: 4))
        }
    }

    func testDamagedGzipIsReportedWithTheFileName() throws {
        var bytes = try DataFixtures.bytes("images-idx3-ubyte.gz")
        bytes[bytes.count - 6] ^= 0x10
        XCTAssertThrowsError(try IDXFile(bytes: bytes, fileName: "images.gz")) { error in
            guard let idx = error as? IDXError, case .gzip(.checksumMismatch) = idx.problem else {
                return XCTFail("got \(error)")
            }
            XCTAssert(idx.description.hasPrefix("images.gz: "), idx.description)
        }
    }

    func testMissingFileIsReported() {
        let url = URL(fileURLWithPath: "/nonexistent/synapse/nothing-idx1-ubyte")
        XCTAssertThrowsError(try IDXFile(contentsOf: url)) { error in
            guard let idx = error as? IDXError, case .unreadable = idx.problem else { return XCTFail("got \(error)") }
            XCTAssertEqual(idx.fileName, "nothing-idx1-ubyte")
        }
    }

    func testImagesAndLabelsPair() throws {
        let images = try IDXFile(contentsOf: DataFixtures.url("images-idx3-ubyte.gz"))
        let labels = try IDXFile(contentsOf: DataFixtures.url("labels-idx1-ubyte"))
        let set = try LabeledImages(images: images, imagesName: "i", labels: labels, labelsName: "l", classCount: 10)
        XCTAssertEqual(set.count, 3)
        XCTAssertEqual(set.height, 4)
        XCTAssertEqual(set.width, 5)
        XCTAssertEqual(set.labels, [2, 0, 9])
        XCTAssertEqual(set.classHistogram(), [1, 0, 1, 0, 0, 0, 0, 0, 0, 1])
    }

    func testCountMismatchBetweenImagesAndLabelsIsReported() throws {
        let images = try IDXFile(contentsOf: DataFixtures.url("images-idx3-ubyte"))
        let labels = try IDXFile(contentsOf: DataFixtures.url("labels4-idx1-ubyte"))
        XCTAssertThrowsError(try LabeledImages(images: images, imagesName: "imgs", labels: labels,
                                               labelsName: "labs", classCount: 10)) { error in
            XCTAssertEqual(error as? DatasetError,
                           .countMismatch(images: "imgs", imageCount: 3, labels: "labs", labelCount: 4))
        }
    }

    func testLabelsMustBeBelowTheClassCount() throws {
        let images = try IDXFile(contentsOf: DataFixtures.url("images-idx3-ubyte"))
        let labels = try IDXFile(contentsOf: DataFixtures.url("labels-idx1-ubyte"))
        XCTAssertThrowsError(try LabeledImages(images: images, imagesName: "i", labels: labels,
                                               labelsName: "l", classCount: 5)) { error in
            XCTAssertEqual(error as? DatasetError, .labelOutOfRange(file: "l", index: 2, label: 9, classCount: 5))
        }
    }

    func testLabelsFileUsedAsImagesIsRejected() throws {
        let labels = try IDXFile(contentsOf: DataFixtures.url("labels-idx1-ubyte"))
        XCTAssertThrowsError(try LabeledImages(images: labels, imagesName: "l", labels: labels,
                                               labelsName: "l", classCount: 10)) { error in
            XCTAssertEqual((error as? IDXError)?.problem, .unexpectedRank(found: 1, expected: 3))
        }
    }
}

import Foundation
import XCTest
@testable import Synapse

/// A temporary directory removed after the test.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("synapse-io-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// The committed fixtures of the IO tests.
func ioFixture(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/io/\(name)")
}

/// Safetensors bytes with a hand-written header and data section.
func rawSafetensors(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> Data {
    let headerBytes = Array(header.utf8)
    var result = Data()
    withUnsafeBytes(of: (declaredLength ?? UInt64(headerBytes.count)).littleEndian) { result.append(contentsOf: $0) }
    result.append(contentsOf: headerBytes)
    result.append(contentsOf: data)
    return result
}

final class SafetensorsTests: XCTestCase {
    func testEncodesTheDocumentedByteLayout() throws {
        let file = SafetensorsFile(tensors: [(name: "w", tensor: Tensor(shape: [2], scalars: [1, -2]))])
        let bytes = [UInt8](try file.encoded())
        let header = #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"# // 54 bytes, padded to 56
        XCTAssertEqual(Array(bytes[0..<8]), [56, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(String(decoding: bytes[8..<64], as: UTF8.self), header + "  ")
        XCTAssertEqual(Array(bytes[64...]), [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0])
    }

    func testRoundTripKeepsNamesOrderShapesMetadataAndExactBits() throws {
        let special = Tensor(shape: [5], scalars: [.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude])
        let tensors: [(name: String, tensor: Tensor)] = [
            (name: "zeta.kernel", tensor: randomTensor([3, 4], seed: 1)),
            (name: "alpha", tensor: special),
            (name: "scalar", tensor: Tensor(3.5)),
            (name: "empty", tensor: Tensor.zeros([0, 2])),
            (name: "quote\"name", tensor: Tensor.ones([1])),
        ]
        let url = try makeTemporaryDirectory(self).appendingPathComponent("round.safetensors")
        try SafetensorsFile(tensors: tensors, metadata: ["k": "v\n"]).write(to: url)
        let read = try SafetensorsFile(contentsOf: url)
        XCTAssertEqual(read.names, tensors.map(\.name))
        XCTAssertEqual(read.metadata, ["k": "v\n"])
        for (name, tensor) in tensors {
            XCTAssertEqual(read[name]?.shape, tensor.shape, name)
            XCTAssertEqual(read[name]?.scalars.map(\.bitPattern), tensor.scalars.map(\.bitPattern), name)
        }
        XCTAssertTrue(read.entries.allSatisfy { $0.storedDType == .f32 })
    }

    func testWritingDuplicateNamesIsRefused() {
        let file = SafetensorsFile(tensors: [(name: "a", tensor: Tensor(1)), (name: "a", tensor: Tensor(2))])
        XCTAssertThrowsError(try file.encoded(file: "dup.safetensors")) { error in
            XCTAssertEqual(error as? SafetensorsError, SafetensorsError(file: "dup.safetensors", problem: .duplicateName("a")))
        }
    }

    // MARK: Files written by Python (Fixtures/io/make_fixtures.py)

    func testReadsPythonWrittenF32F16F64AndConvertsToFloat() throws {
        let file = try SafetensorsFile(contentsOf: ioFixture("python_dtypes.safetensors"))
        let base: [Float] = [-1.25, -0.75, -0.25, 0.25, 0.75, 1.25]
        XCTAssertEqual(file.metadata, ["written_by": "safetensors.numpy"])
        XCTAssertEqual(file["f32"], Tensor(shape: [2, 3], scalars: base))
        XCTAssertEqual(file["f16"], Tensor(shape: [3, 2], scalars: base))
        XCTAssertEqual(file["f64"], Tensor(shape: [6], scalars: base.map { Float(Double($0) * 1e-3) }))
        XCTAssertEqual(file["scalar"], Tensor(7))
        XCTAssertEqual(file["empty"]?.shape, [0, 4])
        let dtypes = Dictionary(uniqueKeysWithValues: file.entries.map { ($0.name, $0.storedDType) })
        XCTAssertEqual(dtypes, ["f32": .f32, "f16": .f16, "f64": .f64, "scalar": .f32, "empty": .f32])
    }

    func testReadsBFloat16() throws {
        let file = try SafetensorsFile(contentsOf: ioFixture("python_bf16.safetensors"))
        // bf16 keeps the top 16 bits: 3e38 becomes 2.99e38 (0x7F61 << 16).
        XCTAssertEqual(file["bf16"]?.scalars, [1, -2, 0.15625, Float(bitPattern: 0x7F61_0000)])
        XCTAssertEqual(file.entries.first?.storedDType, .bf16)
    }

    func testHalfConversionCoversSubnormalsInfinityAndNaN() {
        XCTAssertEqual(halfToFloat(0x0001), Float(1) / 16_777_216)  // smallest subnormal
        XCTAssertEqual(halfToFloat(0x3C00), 1)
        XCTAssertEqual(halfToFloat(0xC000), -2)
        XCTAssertEqual(halfToFloat(0x7BFF), 65504)
        XCTAssertEqual(halfToFloat(0x7C00), .infinity)
        XCTAssertEqual(halfToFloat(0x8000).sign, .minus)
        XCTAssertTrue(halfToFloat(0x7E00).isNaN)
    }

    func testIntegerTensorsAreRejectedNamingTheTensor() {
        let url = ioFixture("python_int64.safetensors")
        XCTAssertThrowsError(try SafetensorsFile(contentsOf: url)) { error in
            XCTAssertEqual(error as? SafetensorsError,
                           SafetensorsError(file: url.path, problem: .unsupportedDType(tensor: "labels", dtype: "I64")))
            XCTAssertTrue("\(error)".contains(url.path))
        }
    }

    // MARK: Malformed files

    private func assertRejects(_ data: Data, _ expected: SafetensorsError.Problem,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("bad.safetensors")
        try data.write(to: url)
        XCTAssertThrowsError(try SafetensorsFile(contentsOf: url), file: file, line: line) { error in
            guard let error = error as? SafetensorsError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(error.problem, expected, file: file, line: line)
            XCTAssertEqual(error.file, url.path, file: file, line: line)
            XCTAssertTrue(error.description.contains(url.path), file: file, line: line)
        }
    }

    func testTruncatedBeforeTheHeaderLength() throws {
        try assertRejects(Data([1, 2, 3]), .tooShortForHeaderLength(size: 3))
    }

    func testHeaderLengthLargerThanTheFile() throws {
        try assertRejects(rawSafetensors(header: "{}", declaredLength: 1_000), .headerLengthExceedsFile(declared: 1_000, available: 2))
        try assertRejects(rawSafetensors(header: "{}", declaredLength: .max), .headerLengthExceedsFile(declared: .max, available: 2))
    }

    func testTruncatedDataSection() throws {
        let full = try SafetensorsFile(tensors: [(name: "w", tensor: Tensor.ones([4]))]).encoded()
        try assertRejects(full.prefix(full.count - 3), .offsetsOutOfRange(tensor: "w", begin: 0, end: 16, dataSize: 13))
    }

    func testInvalidJSON() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("bad.safetensors")
        try rawSafetensors(header: #"{"w": {"dtype": "F32",,}"#).write(to: url)
        XCTAssertThrowsError(try SafetensorsFile(contentsOf: url)) { error in
            guard case .invalidJSON? = (error as? SafetensorsError)?.problem else { return XCTFail("\(error)") }
        }
        try assertRejects(rawSafetensors(header: "[1, 2]"), .invalidHeader("the top level must be a JSON object"))
    }

    func testMalformedEntries() throws {
        try assertRejects(rawSafetensors(header: #"{"w": {"shape": [1], "data_offsets": [0, 4]}}"#, data: [0, 0, 0, 0]),
                          .invalidHeader("entry 'w' has no string 'dtype'"))
        try assertRejects(rawSafetensors(header: #"{"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}"#, data: [0, 0, 0, 0]),
                          .invalidHeader("entry 'w' needs 'shape', a list of non-negative integers"))
        try assertRejects(rawSafetensors(header: #"{"w": {"dtype": "F32", "shape": [1], "data_offsets": [0]}}"#, data: [0, 0, 0, 0]),
                          .invalidHeader("entry 'w' needs 'data_offsets', two integers [begin, end]"))
        try assertRejects(rawSafetensors(header: #"{"__metadata__": {"a": 1}}"#),
                          .invalidHeader("__metadata__ value for 'a' must be a string"))
    }

    func testWrongDType() throws {
        try assertRejects(rawSafetensors(header: #"{"w": {"dtype": "Q7", "shape": [1], "data_offsets": [0, 1]}}"#, data: [0]),
                          .unsupportedDType(tensor: "w", dtype: "Q7"))
    }

    func testOutOfRangeAndReversedOffsets() throws {
        try assertRejects(rawSafetensors(header: #"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}"#, data: [UInt8](repeating: 0, count: 8)),
                          .offsetsOutOfRange(tensor: "w", begin: 4, end: 12, dataSize: 8))
        try assertRejects(rawSafetensors(header: #"{"w": {"dtype": "F32", "shape": [0], "data_offsets": [4, 0]}}"#, data: [UInt8](repeating: 0, count: 8)),
                          .offsetsOutOfRange(tensor: "w", begin: 4, end: 0, dataSize: 8))
    }

    func testOverlappingOffsets() throws {
        let header = #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}"#
        try assertRejects(rawSafetensors(header: header, data: [UInt8](repeating: 0, count: 12)),
                          .overlappingOffsets(first: "a", second: "b"))
    }

    func testByteRangeThatDisagreesWithTheShape() throws {
        try assertRejects(rawSafetensors(header: #"{"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#, data: [UInt8](repeating: 0, count: 8)),
                          .sizeMismatch(tensor: "w", expectedBytes: 12, actualBytes: 8))
    }

    func testMissingFileIsUnreadable() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("absent.safetensors")
        XCTAssertThrowsError(try SafetensorsFile(contentsOf: url)) { error in
            guard case .unreadable? = (error as? SafetensorsError)?.problem else { return XCTFail("\(error)") }
            XCTAssertEqual((error as? SafetensorsError)?.file, url.path)
        }
    }
}

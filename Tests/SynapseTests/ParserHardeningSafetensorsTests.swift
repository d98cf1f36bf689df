import Foundation
import XCTest
@testable import Synapse

/// Safetensors headers whose shapes hide an overflow behind a zero size.
final class ParserHardeningSafetensorsTests: XCTestCase {
    /// A file of one header and no data.
    private func file(header: String) -> Data {
        var bytes = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array(header.utf8))
        return bytes
    }

    func testAnEmptyTensorWhoseOtherSizesOverflowIsRefused() {
        let huge = 1 << 62
        let data = file(header: #"{"t": {"dtype": "F32", "shape": [0, \#(huge), \#(huge)], "data_offsets": [0, 0]}}"#)
        XCTAssertThrowsError(try SafetensorsFile(decoding: data, file: "weights.safetensors")) { error in
            guard let error = error as? SafetensorsError, case .invalidHeader(let reason) = error.problem else { return XCTFail("\(error)") }
            XCTAssertEqual(error.file, "weights.safetensors")
            XCTAssertTrue(reason.contains("entry 't'"), reason)
        }
    }

    func testAnEmptyTensorOfModestSizesStillReads() throws {
        let data = file(header: #"{"t": {"dtype": "F32", "shape": [0, 3], "data_offsets": [0, 0]}}"#)
        XCTAssertEqual(try SafetensorsFile(decoding: data)["t"]?.shape, [0, 3])
    }
}

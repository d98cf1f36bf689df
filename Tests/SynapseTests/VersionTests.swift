import XCTest
@testable import Synapse
import SynapseCLI

/// `Synapse.version` is the one source of truth for the version: it is a
/// semantic version, and everything that reports a version reports it.
final class VersionTests: XCTestCase {
    func testVersionIsSemantic() throws {
        let parts = Synapse.version.split(separator: ".", omittingEmptySubsequences: false)
        XCTAssertEqual(parts.count, 3, Synapse.version)
        for part in parts {
            let number = try XCTUnwrap(Int(part), "\(part) in \(Synapse.version) is not a number")
            XCTAssertGreaterThanOrEqual(number, 0)
            XCTAssertEqual(String(number), String(part), "no leading zeros or signs in \(Synapse.version)")
        }
    }

    func testTheCommandLineToolReportsTheLibraryVersion() {
        XCTAssertEqual(SynapseCommand.configuration.version, Synapse.version)
    }

    func testONNXExportNamesTheLibraryVersionAsProducer() throws {
        let model = Sequential([Dense(2)])
        try model.build(inputShape: [3])
        let bytes = try model.onnxBytes()
        // ModelProto's producer_version is field 3, a length-delimited string:
        // tag 0x1A, then the length, then the bytes.
        let encoded = [0x1A, UInt8(Synapse.version.utf8.count)] + Array(Synapse.version.utf8)
        let found = (0...(bytes.count - encoded.count)).contains { Array(bytes[$0..<$0 + encoded.count]) == encoded }
        XCTAssertTrue(found, "the exported model does not carry version \(Synapse.version)")
    }
}

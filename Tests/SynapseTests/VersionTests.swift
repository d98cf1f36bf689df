import XCTest
@testable import Synapse

final class VersionTests: XCTestCase {
    func testVersionIsSemantic() {
        XCTAssertEqual(Synapse.version.split(separator: ".").count, 3)
    }
}

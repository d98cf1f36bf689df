import Foundation
import XCTest

/// Access to the files under `Fixtures/data` (made by `Fixtures/data/make_fixtures.py`).
enum DataFixtures {
    /// The URL of a fixture file.
    static func url(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/data").appendingPathComponent(name)
    }

    /// The bytes of a fixture file.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(name)))
    }

    /// A fresh empty directory under the temporary directory, removed by `tearDown` of the caller.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("synapse-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

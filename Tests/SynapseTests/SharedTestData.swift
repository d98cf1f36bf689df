import Foundation
import XCTest

/// The real datasets beside the repository, which `scripts/test` points at
/// with `SYNAPSE_TEST_DATA` (`../shared/data`); tests that need one skip,
/// saying why, when it is not there.
enum SharedTestData {
    /// The Fashion-MNIST IDX directory, or an `XCTSkip` naming what is missing.
    static func fashionMNIST() throws -> URL {
        guard let root = ProcessInfo.processInfo.environment["SYNAPSE_TEST_DATA"] else {
            throw XCTSkip("SYNAPSE_TEST_DATA is not set: point it at a folder holding fashion-mnist/ (scripts/test uses ../shared/data)")
        }
        let directory = URL(fileURLWithPath: root, isDirectory: true).appendingPathComponent("fashion-mnist", isDirectory: true)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("train-images-idx3-ubyte.gz").path) else {
            throw XCTSkip("Fashion-MNIST is not at \(directory.path) (from SYNAPSE_TEST_DATA)")
        }
        return directory
    }
}

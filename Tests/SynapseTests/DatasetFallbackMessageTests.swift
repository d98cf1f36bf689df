import Foundation
import XCTest
@testable import Synapse

/// Offline, the fallback to the embedded sample is one short line; the
/// mirrors' failures stay in `fallbackReason` for `--verbose 2`.
final class DatasetFallbackMessageTests: XCTestCase {
    func testOfflineFallbackIsOneShortLine() throws {
        let empty = try makeTemporaryDirectory(self)
        // Port 9 (discard) on the loopback interface refuses the connection, as offline.
        let options = DatasetLoadOptions(cacheRoot: empty, searchesSystemDirectories: false,
                                         mirrors: [URL(string: "http://127.0.0.1:9/a/")!, URL(string: "http://127.0.0.1:9/b/")!],
                                         timeout: 5)
        let loaded = try MNIST.loadOrEmbeddedSample(options)
        XCTAssertEqual(loaded.summary,
                       "MNIST: full MNIST unavailable offline (no mirror answered); using the embedded sample (4000 train / 1000 test images)")
        let details = try XCTUnwrap(loaded.fallbackReason)
        XCTAssertTrue(details.contains("127.0.0.1:9/a/") && details.contains("127.0.0.1:9/b/"), details)
    }

    func testTheBriefReasonOfADatasetErrorIsShort() {
        let failures: [DownloadError] = [
            .unreachable(url: "http://a.example/train-images-idx3-ubyte.gz", reason: "The Internet connection appears to be offline."),
            .timedOut(url: "http://b.example/train-images-idx3-ubyte.gz", seconds: 30),
        ]
        let offline = DatasetError.downloadFailed(dataset: "Fashion-MNIST", file: "train-images-idx3-ubyte.gz",
                                                  failures: failures, cacheDirectory: "/cache/fashion-mnist")
        XCTAssertEqual(offline.brief, "Fashion-MNIST unavailable offline (no mirror answered)")
        XCTAssertGreaterThan(offline.description.count, 200, "the details stay in the description")
        let refused = DatasetError.downloadFailed(dataset: "MNIST", file: "f", failures: [.httpStatus(url: "u", status: 404)],
                                                  cacheDirectory: "/c")
        XCTAssertEqual(refused.brief, "MNIST could not be downloaded (1 mirror failed)")
    }
}

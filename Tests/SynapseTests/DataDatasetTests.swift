import Foundation
import XCTest
@testable import Synapse

final class DataDatasetTests: XCTestCase {
    private var temporaryDirectories: [URL] = []

    override func tearDown() {
        for url in temporaryDirectories { try? FileManager.default.removeItem(at: url) }
        temporaryDirectories = []
        super.tearDown()
    }

    private func makeDirectory(_ label: String) throws -> URL {
        let url = try DataFixtures.temporaryDirectory(label)
        temporaryDirectories.append(url)
        return url
    }

    func testEmbeddedSampleLoads() throws {
        let sample = try MNIST.embeddedSample()
        XCTAssertEqual(sample.source, .embedded)
        XCTAssertNil(sample.fallbackReason)
        let train = sample.splits.train
        let test = sample.splits.test
        XCTAssertEqual(train.count, 4000)
        XCTAssertEqual(test.count, 1000)
        XCTAssertEqual([train.height, train.width, test.height, test.width], [28, 28, 28, 28])
        XCTAssertEqual(train.images.count, 4000 * 784)
        XCTAssertEqual(test.images.count, 1000 * 784)
        XCTAssert(train.labels.allSatisfy { $0 < 10 })
        XCTAssert(test.labels.allSatisfy { $0 < 10 })
        // Every digit occurs, and the images are not blank.
        XCTAssert(train.classHistogram().allSatisfy { $0 > 200 }, "\(train.classHistogram())")
        XCTAssertEqual(train.images.max(), 255)
    }

    func testFallsBackToTheEmbeddedSampleAndSaysWhy() throws {
        let empty = try makeDirectory("empty-cache")
        let loaded = try MNIST.loadOrEmbeddedSample(DatasetLoadOptions(cacheRoot: empty, allowsDownload: false))
        XCTAssertEqual(loaded.source, .embedded)
        XCTAssertEqual(loaded.splits.train.count, 4000)
        let reason = try XCTUnwrap(loaded.fallbackReason)
        XCTAssert(reason.contains("MNIST not found"), reason)
        XCTAssertEqual(loaded.summary, "MNIST: full MNIST not found and downloading is off; using the embedded sample (4000 train / 1000 test images)")
    }

    func testFashionMNISTFromANamedDirectory() throws {
        let directory = try SharedTestData.fashionMNIST()
        let loaded = try FashionMNIST.load(DatasetLoadOptions(directory: directory))
        XCTAssertEqual(loaded.source, .directory(directory))
        XCTAssertEqual(loaded.splits.train.count, 60000)
        XCTAssertEqual(loaded.splits.test.count, 10000)
        XCTAssertEqual(loaded.splits.train.height, 28)
        // Fashion-MNIST is balanced: 6,000 / 1,000 images per class.
        XCTAssertEqual(loaded.splits.train.classHistogram(), [Int](repeating: 6000, count: 10))
        XCTAssertEqual(loaded.splits.test.classHistogram(), [Int](repeating: 1000, count: 10))
    }

    /// A dataset made of the tiny fixtures, with a system directory of the test's choosing.
    private func tinyDataset(system: URL) -> IDXDataset {
        IDXDataset(name: "tiny", displayName: "Tiny",
                   trainImages: .init(name: "train-images-idx3-ubyte.gz", sha256: ""),
                   trainLabels: .init(name: "train-labels-idx1-ubyte.gz", sha256: ""),
                   testImages: .init(name: "t10k-images-idx3-ubyte.gz", sha256: ""),
                   testLabels: .init(name: "t10k-labels-idx1-ubyte.gz", sha256: ""),
                   mirrors: [], systemDirectories: [system], classCount: 10)
    }

    /// Fills `directory` with the tiny dataset; labels raw (without .gz) to exercise both spellings.
    private func fill(_ directory: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        for (source, target) in [("images-idx3-ubyte.gz", "train-images-idx3-ubyte.gz"),
                                 ("labels-idx1-ubyte", "train-labels-idx1-ubyte"),
                                 ("images-idx3-ubyte", "t10k-images-idx3-ubyte.gz"),
                                 ("labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte.gz")] {
            try fm.copyItem(at: DataFixtures.url(source), to: directory.appendingPathComponent(target))
        }
    }

    func testLocatorOrderUserDirectoryThenCacheThenSystem() throws {
        let user = try makeDirectory("user")
        let cacheRoot = try makeDirectory("cache")
        let system = try makeDirectory("system")
        let dataset = tinyDataset(system: system)
        let cache = cacheRoot.appendingPathComponent("tiny", isDirectory: true)
        try fill(user)
        try fill(cache)
        try fill(system)

        let fromUser = try dataset.load(DatasetLoadOptions(directory: user, cacheRoot: cacheRoot, allowsDownload: false))
        XCTAssertEqual(fromUser.source, .directory(user))
        XCTAssertEqual(fromUser.splits.train.count, 3)
        XCTAssertEqual(fromUser.splits.test.labels, [2, 0, 9])

        let fromCache = try dataset.load(DatasetLoadOptions(cacheRoot: cacheRoot, allowsDownload: false))
        XCTAssertEqual(fromCache.source, .cache(cache))
        XCTAssertEqual(fromCache.summary, "Tiny: 3 train / 3 test images from cache \(cache.path)")

        try FileManager.default.removeItem(at: cache.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        let fromSystem = try dataset.load(DatasetLoadOptions(cacheRoot: cacheRoot, allowsDownload: false))
        XCTAssertEqual(fromSystem.source, .system(system))

        let withoutSystem = DatasetLoadOptions(cacheRoot: cacheRoot, searchesSystemDirectories: false, allowsDownload: false)
        XCTAssertThrowsError(try dataset.load(withoutSystem)) { error in
            guard case DatasetError.notFound(let name, let searched, _) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(name, "Tiny")
            XCTAssertEqual(searched, [cache.path])
        }
    }

    func testNamedDirectoryMustHoldTheFiles() throws {
        let user = try makeDirectory("user-empty")
        let cacheRoot = try makeDirectory("cache-full")
        try fill(cacheRoot.appendingPathComponent("tiny"))
        let dataset = tinyDataset(system: user)
        XCTAssertThrowsError(try dataset.load(DatasetLoadOptions(directory: user, cacheRoot: cacheRoot))) { error in
            XCTAssertEqual(error as? DatasetError,
                           .missingFile(dataset: "Tiny", file: "train-images-idx3-ubyte.gz", directory: user.path))
        }
    }

    func testDamagedCachedFileIsReportedNotSkipped() throws {
        let cacheRoot = try makeDirectory("cache-damaged")
        let cache = cacheRoot.appendingPathComponent("tiny")
        try fill(cache)
        let labels = cache.appendingPathComponent("train-labels-idx1-ubyte")
        try Data(try DataFixtures.bytes("labels-idx1-ubyte").dropLast()).write(to: labels)
        let dataset = tinyDataset(system: cacheRoot)
        XCTAssertThrowsError(try dataset.load(DatasetLoadOptions(cacheRoot: cacheRoot, allowsDownload: false))) { error in
            let text = "\(error)"
            XCTAssert(text.contains("train-labels-idx1-ubyte: truncated"), text)
            XCTAssert(text.contains("delete it from the cache"), text)
        }
    }

    func testDefaultCacheRoot() {
        XCTAssertEqual(DatasetCache.defaultRoot(environment: ["SYNAPSE_DATA": "/data/x", "HOME": "/home/u"]).path, "/data/x")
        #if os(macOS)
        XCTAssertEqual(DatasetCache.defaultRoot(environment: ["HOME": "/Users/u"]).path, "/Users/u/Library/Caches/synapse")
        #else
        XCTAssertEqual(DatasetCache.defaultRoot(environment: ["XDG_CACHE_HOME": "/xdg", "HOME": "/home/u"]).path, "/xdg/synapse")
        XCTAssertEqual(DatasetCache.defaultRoot(environment: ["HOME": "/home/u"]).path, "/home/u/.cache/synapse")
        #endif
        let options = DatasetLoadOptions(cacheRoot: URL(fileURLWithPath: "/c"))
        XCTAssertEqual(MNIST.dataset.cacheDirectory(options).path, "/c/mnist")
    }
}

import Foundation
import XCTest
@testable import Synapse

/// Downloads from a loopback HTTP server only; no other network is used.
final class DataDownloadTests: XCTestCase {
    private var temporaryDirectories: [URL] = []
    private var servers: [LoopbackHTTPServer] = []

    override func tearDown() {
        for server in servers { server.stop() }
        for url in temporaryDirectories { try? FileManager.default.removeItem(at: url) }
        servers = []
        temporaryDirectories = []
        super.tearDown()
    }

    private let fixtureNames = ["images-idx3-ubyte.gz", "labels-idx1-ubyte.gz", "images-idx3-ubyte.gz", "labels-idx1-ubyte.gz"]
    private let publishedNames = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                  "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]

    /// The tiny dataset, its checksums computed from the fixtures; `wrongChecksum` spoils the first one.
    private func dataset(mirrors: [URL], wrongChecksum: Bool = false) throws -> IDXDataset {
        let files = try zip(fixtureNames, publishedNames).enumerated().map { index, names -> IDXDataset.File in
            var digest = SHA256.hexDigest(try DataFixtures.bytes(names.0))
            if wrongChecksum && index == 0 { digest = String(repeating: "0", count: 64) }
            return IDXDataset.File(name: names.1, sha256: digest)
        }
        return IDXDataset(name: "tiny", displayName: "Tiny", trainImages: files[0], trainLabels: files[1],
                          testImages: files[2], testLabels: files[3], mirrors: mirrors, classCount: 10)
    }

    private func serve(dropAfter: Int? = nil) throws -> LoopbackHTTPServer {
        var responses: [String: LoopbackHTTPServer.Response] = [:]
        for (fixture, published) in zip(fixtureNames, publishedNames) {
            responses["/" + published] = .init(body: try DataFixtures.bytes(fixture), dropAfter: dropAfter)
        }
        let server = try LoopbackHTTPServer(responses: responses)
        servers.append(server)
        return server
    }

    private func cacheRoot() throws -> URL {
        let url = try DataFixtures.temporaryDirectory("download-cache")
        temporaryDirectories.append(url)
        return url
    }

    private func contents(of directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    private func options(_ root: URL) -> DatasetLoadOptions {
        DatasetLoadOptions(cacheRoot: root, searchesSystemDirectories: false, timeout: 10)
    }

    func testDownloadLandsInTheCacheAndLoads() throws {
        let server = try serve()
        let root = try cacheRoot()
        let tiny = try dataset(mirrors: [server.baseURL])
        let loaded = try tiny.load(options(root))
        let cache = root.appendingPathComponent("tiny", isDirectory: true)
        XCTAssertEqual(loaded.source, .downloaded(cache))
        XCTAssertEqual(loaded.splits.train.count, 3)
        XCTAssertEqual(loaded.splits.test.labels, [2, 0, 9])
        XCTAssertEqual(contents(of: cache), publishedNames.sorted(), "only the four files, no temporaries")
        XCTAssertEqual(try [UInt8](Data(contentsOf: cache.appendingPathComponent("train-labels-idx1-ubyte.gz"))),
                       try DataFixtures.bytes("labels-idx1-ubyte.gz"))

        let again = try tiny.load(options(root))
        XCTAssertEqual(again.source, .cache(cache))
    }

    func testLaterMirrorIsTriedWhenTheFirstIsUnreachable() throws {
        let server = try serve()
        let dead = URL(string: "http://127.0.0.1:\(try LoopbackHTTPServer.closedPort())/")!
        let root = try cacheRoot()
        let loaded = try dataset(mirrors: [dead, server.baseURL]).load(options(root))
        XCTAssertEqual(loaded.source, .downloaded(root.appendingPathComponent("tiny", isDirectory: true)))
    }

    func testChecksumMismatchLeavesNothingInTheCache() throws {
        let server = try serve()
        let root = try cacheRoot()
        XCTAssertThrowsError(try dataset(mirrors: [server.baseURL], wrongChecksum: true).load(options(root))) { error in
            guard case DatasetError.downloadFailed(_, let file, let failures, _) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(file, "train-images-idx3-ubyte.gz")
            guard case .checksumMismatch(let url, _, _)? = failures.first else { return XCTFail("got \(failures)") }
            XCTAssertEqual(url, server.baseURL.appendingPathComponent(file).absoluteString)
            XCTAssert("\(error)".contains("it was not saved"), "\(error)")
        }
        XCTAssertEqual(contents(of: root.appendingPathComponent("tiny")), [])
    }

    func testDroppedConnectionIsReportedAndLeavesNothingInTheCache() throws {
        let server = try serve(dropAfter: 40)
        let root = try cacheRoot()
        XCTAssertThrowsError(try dataset(mirrors: [server.baseURL]).load(options(root))) { error in
            guard case DatasetError.downloadFailed(_, _, let failures, _) = error else { return XCTFail("got \(error)") }
            guard case .connectionDropped(let url, _, _)? = failures.first else { return XCTFail("got \(failures)") }
            XCTAssert(url.hasPrefix("http://127.0.0.1:"), url)
            XCTAssert("\(error)".contains("closed the connection"), "\(error)")
        }
        XCTAssertEqual(contents(of: root.appendingPathComponent("tiny")), [])
    }

    func testHTTPErrorStatusIsReported() throws {
        let server = try LoopbackHTTPServer(responses: [:])
        servers.append(server)
        let root = try cacheRoot()
        XCTAssertThrowsError(try dataset(mirrors: [server.baseURL]).load(options(root))) { error in
            guard case DatasetError.downloadFailed(_, _, let failures, _) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(failures, [.httpStatus(url: server.baseURL.appendingPathComponent("train-images-idx3-ubyte.gz").absoluteString,
                                                  status: 404)])
        }
    }

    func testUnreachableMirrorIsReported() throws {
        let dead = URL(string: "http://127.0.0.1:\(try LoopbackHTTPServer.closedPort())/")!
        let root = try cacheRoot()
        XCTAssertThrowsError(try dataset(mirrors: [dead]).load(options(root))) { error in
            guard case DatasetError.downloadFailed(_, _, let failures, let cache) = error else { return XCTFail("got \(error)") }
            guard case .unreachable(let url, _)? = failures.first else { return XCTFail("got \(failures)") }
            XCTAssert(url.hasPrefix(dead.absoluteString), url)
            XCTAssertEqual(cache, root.appendingPathComponent("tiny").path)
            XCTAssert("\(error)".contains("put them in a directory and pass it"), "\(error)")
        }
    }
}

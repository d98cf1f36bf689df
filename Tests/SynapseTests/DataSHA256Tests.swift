import XCTest
@testable import Synapse

final class DataSHA256Tests: XCTestCase {
    func testKnownVectors() {
        // FIPS 180-4 / NIST examples.
        XCTAssertEqual(SHA256.hexDigest([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hexDigest(Array("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hexDigest([UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testIncrementalUpdatesMatchOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }
        for split in [0, 1, 55, 56, 63, 64, 65, 500, 999] {
            var hasher = SHA256()
            hasher.update(Array(bytes[..<split]))
            hasher.update(Array(bytes[split...]))
            XCTAssertEqual(hasher.finalizeHex(), SHA256.hexDigest(bytes), "split at \(split)")
        }
    }

    func testTheSHAExtensionsAgreeWithThePortableRounds() {
        // On CPUs with SHA-NI the default hasher uses the extensions; on others
        // both sides run the portable rounds and the test still checks the block paths.
        var state: UInt32 = 0x9E37_79B9
        let bytes = (0..<10_000).map { _ -> UInt8 in
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
        for length in [0, 1, 63, 64, 65, 127, 128, 129, 1000, 4096, 10_000] {
            var fast = SHA256(), reference = SHA256(portableRoundsOnly: true)
            fast.update(Array(bytes[..<length]))
            reference.update(Array(bytes[..<length]))
            XCTAssertEqual(fast.finalizeHex(), reference.finalizeHex(), "\(length) bytes")
        }
    }

    func testMatchesTheEmbeddedSampleFiles() throws {
        // Digests from sha256sum(1) of Sources/Synapse/Resources/mnist-5k.
        let url = try XCTUnwrap(Bundle.module.bundleURL.deletingLastPathComponent()
            .appendingPathComponent("Synapse_Synapse.resources/mnist-5k/train-labels-idx1-ubyte.gz") as URL?)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("resource bundle layout differs here") }
        XCTAssertEqual(SHA256.hexDigest([UInt8](try Data(contentsOf: url))),
                       "7d0eab0cb879e54c4a0f8c29aeced7db2bed3387b722fb3666c0e4acc10e40f1")
    }
}

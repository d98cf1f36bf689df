import CSynapseKernels
import Foundation
import XCTest
@testable import Synapse

/// The secure noise source: ChaCha20 against RFC 8439's test vector
/// (Fixtures/privacy/chacha20_reference.py, from the `cryptography`
/// package), and the ziggurat's draws against the normal distribution.
final class PrivacyNoiseTests: XCTestCase {
    func testChaCha20MatchesRFC8439() {
        let expected: [UInt32] = [
            0xe4e7f110, 0x15593bd1, 0x1fdd0f50, 0xc47120a3, 0xc7f4d1c7, 0x0368c033, 0x9aaa2204, 0x4e6cd4c3,
            0x466482d2, 0x09aa9f07, 0x05d7c214, 0xa2028bd9, 0xd19c12b5, 0xb94e16de, 0xe883d0cb, 0x4e3c50a2,
            0x7783880a, 0x4ebfd739, 0xb0acccf8, 0xd6b92bea, 0x94c3569d, 0xfd1d35aa, 0x9f45bfa5, 0xe89f2e0a,
            0x92f821e7, 0x86c4f955, 0x9c6721bf, 0x9c4f3d68, 0x27faf25c, 0x00265586, 0x37ca065b, 0x3baf864c,
        ]
        // Key bytes 0…31 as little-endian words; counter 1; nonce 00 00 00 09 00 00 00 4a 00 00 00 00.
        let key: [UInt32] = [0x0302_0100, 0x0706_0504, 0x0b0a_0908, 0x0f0e_0d0c,
                             0x1312_1110, 0x1716_1514, 0x1b1a_1918, 0x1f1e_1d1c]
        var output = [UInt32](repeating: 0, count: 256)
        key.withUnsafeBufferPointer { key in
            output.withUnsafeMutableBufferPointer { out in
                ChaCha20.blocks(key: key.baseAddress!, words12to15: (1, 0x0900_0000, 0x4a00_0000, 0), groups: 2,
                                into: out.baseAddress!)
            }
        }
        XCTAssertEqual(Array(output[0 ..< 32]), expected)
        // Block 9 (the second group's second block) is block 2 with the counter at 10.
        var ten = [UInt32](repeating: 0, count: 128)
        key.withUnsafeBufferPointer { key in
            ten.withUnsafeMutableBufferPointer { out in
                ChaCha20.blocks(key: key.baseAddress!, words12to15: (10, 0x0900_0000, 0x4a00_0000, 0), groups: 1,
                                into: out.baseAddress!)
            }
        }
        XCTAssertEqual(Array(output[144 ..< 160]), Array(ten[0 ..< 16]))
    }

    /// 10⁶ draws: mean, variance, and the probability beyond 1, 2, 3 and the
    /// ziggurat's tail start 3.654, each within four standard errors.
    func testZigguratDrawsAreStandardNormal() {
        assertStandardNormal(draws(NoiseSource.seededNotSecure(21).makeGenerator(), 1_000_000))
    }

    /// The secure source makes the words of its draws in bulk, straight from
    /// the ChaCha20 kernel: the same statistics, and no block is used twice.
    func testSecureBulkDrawsAreStandardNormalAndNeverRepeat() {
        let random = NoiseSource.secure.makeGenerator()
        assertStandardNormal(draws(random, 1_000_000))
        let first = draws(random, 20_000), second = draws(random, 20_000)
        XCTAssertNotEqual(Array(first[0 ..< 8192]), Array(first[8192 ..< 16_384]))
        XCTAssertNotEqual(first, second, "a second call goes on along the keystream")
        // Each thread takes its own blocks: no group of 64 draws starts like another.
        let saved = syn_num_threads()
        defer { syn_set_num_threads(saved) }
        for threads: Int32 in [2, 3] {
            syn_set_num_threads(threads)
            let values = draws(random, 100_000)
            let starts = stride(from: 0, to: values.count - 4, by: 64).map { Array(values[$0 ..< $0 + 4]) }
            XCTAssertEqual(Set(starts).count, starts.count, "\(threads) threads")
        }
    }

    /// The draws are shared among the kernel threads; a seeded run gives the same values on one thread or several.
    func testDrawsDoNotDependOnTheThreadCount() {
        let saved = syn_num_threads()
        defer { syn_set_num_threads(saved) }
        var results: [[Float]] = []
        for threads: Int32 in [1, 2, 3] {
            syn_set_num_threads(threads)
            results.append(draws(NoiseSource.seededNotSecure(9).makeGenerator(), 50_000))
        }
        XCTAssertEqual(results[0], results[1])
        XCTAssertEqual(results[0], results[2])
    }

    private func draws(_ random: PrivacyRandom, _ count: Int) -> [Float] {
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { random.addGaussian(to: $0, standardDeviation: 1) }
        return values
    }

    private func assertStandardNormal(_ values: [Float], file: StaticString = #filePath, line: UInt = #line) {
        let count = Double(values.count)
        let mean = values.reduce(0.0) { $0 + Double($1) } / count
        let variance = values.reduce(0.0) { $0 + Double($1) * Double($1) } / count - mean * mean
        XCTAssertEqual(mean, 0, accuracy: 4 / count.squareRoot(), file: file, line: line)
        XCTAssertEqual(variance, 1, accuracy: 4 * 2.0.squareRoot() / count.squareRoot(), file: file, line: line)
        for threshold in [1.0, 2.0, 3.0, 3.6541528853610088] {
            let expected = erfc(threshold / 2.0.squareRoot())
            let observed = Double(values.filter { abs(Double($0)) > threshold }.count) / count
            XCTAssertEqual(observed, expected, accuracy: 4 * (expected * (1 - expected) / count).squareRoot(),
                           "P(|z| > \(threshold))", file: file, line: line)
        }
    }
}

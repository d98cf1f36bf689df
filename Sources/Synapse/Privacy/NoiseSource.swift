import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where DP-SGD's noise and Poisson sampling draw their randomness.
public enum NoiseSource: Sendable, Equatable {
    /// A cryptographically secure generator: the ChaCha20 keystream under a
    /// 256-bit key read from the operating system's CSPRNG (`/dev/urandom`;
    /// on Linux the kernel's own ChaCha20 generator), re-keyed from it every
    /// 32 MiB of output. The same construction as the kernel's and as
    /// OpenBSD's and glibc's `arc4random`, run in-process so the ~100,000
    /// draws of a step do not each cost a system call. The default: the
    /// privacy guarantee assumes noise an attacker cannot predict.
    case secure
    /// A seeded xoshiro256** generator. NOT SECURE: anyone who knows or
    /// guesses the seed can subtract the noise. For tests and reproducible
    /// experiments only.
    case seededNotSecure(UInt64)

    /// A generator drawing from this source.
    func makeGenerator() -> PrivacyRandom { PrivacyRandom(self) }
}

/// Uniform and Gaussian draws for private training, from a `NoiseSource`.
final class PrivacyRandom {
    private static let ziggurat = GaussianZiggurat()
    /// Keystream blocks between two re-keyings (2¹⁹ blocks of 64 bytes: 32 MiB).
    private static let blocksPerKey: UInt64 = 1 << 19

    private var seeded: SeededGenerator?
    private let key = UnsafeMutablePointer<UInt32>.allocate(capacity: 8)
    /// Keystream words made ahead: 64 blocks (4 KiB) per refill.
    private static let bufferWords = 1024
    private let block = UnsafeMutablePointer<UInt32>.allocate(capacity: PrivacyRandom.bufferWords)
    /// The first word of each draw of `addGaussian`, and the draws it defers (grown as needed).
    private var words = UnsafeMutablePointer<UInt64>.allocate(capacity: 0)
    private var deferred = UnsafeMutablePointer<Int>.allocate(capacity: 0)
    private var scratchCapacity = 0
    private var position = PrivacyRandom.bufferWords
    private var counter: UInt64 = 0

    init(_ source: NoiseSource) {
        if case let .seededNotSecure(seed) = source {
            seeded = SeededGenerator(seed: seed)
        } else {
            Self.readOperatingSystemRandom(into: UnsafeMutableRawBufferPointer(start: key, count: 32))
        }
    }

    deinit {
        key.deallocate()
        block.deallocate()
        words.deallocate()
        deferred.deallocate()
    }

    /// The next 64 random bits.
    @inline(__always)
    func next() -> UInt64 {
        if seeded != nil { return seeded!.next() }
        if position == Self.bufferWords { refill() }
        defer { position += 2 }
        return UInt64(block[position]) | UInt64(block[position + 1]) << 32
    }

    /// A uniform double in (0, 1], with 53 random bits.
    func unitInterval() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// Adds N(0, standardDeviation²) to every element, then multiplies it by `scale`.
    ///
    /// The first word of every draw is made up front, 64 draws per group of
    /// eight ChaCha20 blocks (or from the seeded generator, in order); the
    /// kernel threads then share the keystream and the ziggurat's fast path,
    /// each on its own groups, and the ~1% of draws that need more words are
    /// finished afterwards, in index order, from `next()`. The result does not
    /// depend on the number of threads.
    func addGaussian(to values: UnsafeMutableBufferPointer<Float>, standardDeviation: Double, thenScaleBy scale: Float = 1) {
        let count = values.count
        guard count > 0, let output = values.baseAddress else { return }
        let groups = (count + 63) / 64
        reserveScratch(groups * 64)
        let (words, deferred, key) = (self.words, self.deferred, self.key)
        let firstBlock = reserveKeystream(groups)
        if var generator = seeded {
            for index in 0 ..< count { words[index] = generator.next() }
            seeded = generator
        }
        let ziggurat = Self.ziggurat
        var starts = [Int](repeating: 0, count: groups), deferredCounts = [Int](repeating: 0, count: groups)
        let chunks = starts.withUnsafeMutableBufferPointer { starts in
            deferredCounts.withUnsafeMutableBufferPointer { deferredCounts in
                forEachChunk(of: groups) { chunk, groupRange in
                    if let firstBlock {
                        let chunkWords = words + groupRange.lowerBound * 64
                        chunkWords.withMemoryRebound(to: UInt32.self, capacity: groupRange.count * 128) { keystream in
                            ChaCha20.blocks(key: key,
                                            words12to15: Self.counterWords(firstBlock + UInt64(groupRange.lowerBound * 8)),
                                            groups: groupRange.count, into: keystream)
                        }
                    }
                    let range = groupRange.lowerBound * 64 ..< min(groupRange.upperBound * 64, count)
                    starts[chunk] = range.lowerBound
                    deferredCounts[chunk] = ziggurat.fillFastPath(output, words: words, range: range,
                                                                  deviation: standardDeviation, scale: scale,
                                                                  deferred: deferred + range.lowerBound)
                }
            }
        }
        for chunk in 0 ..< chunks {
            for slot in starts[chunk] ..< starts[chunk] + deferredCounts[chunk] {
                let index = deferred[slot]
                ziggurat.finishDeferred(&output[index], firstWord: words[index], deviation: standardDeviation,
                                        scale: scale, next)
            }
        }
    }

    /// For the secure generator, the first of `groups` × 8 consecutive
    /// keystream blocks, which no other draw will use (re-keying first when
    /// the key has made its 32 MiB); nil for the seeded one.
    private func reserveKeystream(_ groups: Int) -> UInt64? {
        guard seeded == nil else { return nil }
        if counter + UInt64(groups * 8) > Self.blocksPerKey { rekey() }
        defer { counter += UInt64(groups * 8) }
        return counter
    }

    /// Room for `count` words and deferred indices.
    private func reserveScratch(_ count: Int) {
        guard count > scratchCapacity else { return }
        words.deallocate()
        deferred.deallocate()
        words = .allocate(capacity: count)
        deferred = .allocate(capacity: count)
        scratchCapacity = count
    }

    /// ChaCha20's words 12–15 for a block counter (the nonce is zero).
    private static func counterWords(_ counter: UInt64) -> (UInt32, UInt32, UInt32, UInt32) {
        (UInt32(truncatingIfNeeded: counter), UInt32(counter >> 32), 0, 0)
    }

    /// The next 64 keystream blocks; a fresh key from the OS every 32 MiB.
    private func refill() {
        if counter >= Self.blocksPerKey { rekey() }
        let groups = Self.bufferWords / 128
        ChaCha20.blocks(key: key, words12to15: Self.counterWords(counter), groups: groups, into: block)
        counter += UInt64(groups * 8)
        position = 0
    }

    /// A fresh key from the OS; the block counter starts again.
    private func rekey() {
        Self.readOperatingSystemRandom(into: UnsafeMutableRawBufferPointer(start: key, count: 32))
        counter = 0
    }

    /// Fills `bytes` from /dev/urandom.
    private static func readOperatingSystemRandom(into bytes: UnsafeMutableRawBufferPointer) {
        let descriptor = open("/dev/urandom", O_RDONLY)
        precondition(descriptor >= 0, "NoiseSource.secure: cannot open /dev/urandom (errno \(errno))")
        defer { close(descriptor) }
        var filled = 0
        while filled < bytes.count {
            let got = read(descriptor, bytes.baseAddress! + filled, bytes.count - filled)
            precondition(got > 0, "NoiseSource.secure: reading /dev/urandom failed (errno \(errno))")
            filled += got
        }
    }
}

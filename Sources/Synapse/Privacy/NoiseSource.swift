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
    func addGaussian(to values: UnsafeMutableBufferPointer<Float>, standardDeviation: Double, thenScaleBy scale: Float = 1) {
        Self.ziggurat.fill(values, deviation: standardDeviation, scale: scale, next)
    }

    /// The next 64 keystream blocks; a fresh key from the OS every 32 MiB.
    private func refill() {
        if counter >= Self.blocksPerKey {
            Self.readOperatingSystemRandom(into: UnsafeMutableRawBufferPointer(start: key, count: 32))
            counter = 0
        }
        let groups = Self.bufferWords / 128
        ChaCha20.blocks(key: key, words12to15: (UInt32(truncatingIfNeeded: counter), UInt32(counter >> 32), 0, 0),
                        groups: groups, into: block)
        counter += UInt64(groups * 8)
        position = 0
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

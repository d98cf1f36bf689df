import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where DP-SGD's noise and Poisson sampling draw their randomness.
public enum NoiseSource: Sendable, Equatable {
    /// The operating system's cryptographically secure generator, read in
    /// bulk from `/dev/urandom` (on Linux the kernel's ChaCha20 CSPRNG, the
    /// same source as `SystemRandomNumberGenerator`). The default: the
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
    private var seeded: SeededGenerator?
    private var buffer: [UInt64] = []
    private var position = 0

    init(_ source: NoiseSource) {
        if case let .seededNotSecure(seed) = source { seeded = SeededGenerator(seed: seed) }
    }

    /// The next 64 random bits.
    func next() -> UInt64 {
        if seeded != nil { return seeded!.next() }
        if position == buffer.count { refill(max(buffer.count, 4096)) }
        defer { position += 1 }
        return buffer[position]
    }

    /// A uniform double in (0, 1], with 53 random bits.
    func unitInterval() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// Adds N(0, standardDeviation²) to every element, by the Box–Muller transform.
    func addGaussian(to values: UnsafeMutableBufferPointer<Float>, standardDeviation: Double) {
        guard seeded == nil else { return fillPairs(values, standardDeviation) }
        // One bulk read for the whole tensor: two 64-bit words per pair of draws.
        if buffer.count - position < values.count + 1 { refill(values.count + 1) }
        fillPairs(values, standardDeviation)
    }

    private func fillPairs(_ values: UnsafeMutableBufferPointer<Float>, _ deviation: Double) {
        var index = 0
        while index < values.count {
            let radius = deviation * (-2 * log(unitInterval())).squareRoot()
            let angle = 2 * Double.pi * unitInterval()
            values[index] += Float(radius * cos(angle))
            if index + 1 < values.count { values[index + 1] += Float(radius * sin(angle)) }
            index += 2
        }
    }

    /// Replaces the buffer with `count` fresh words from /dev/urandom.
    private func refill(_ count: Int) {
        buffer = [UInt64](repeating: 0, count: count)
        position = 0
        let descriptor = open("/dev/urandom", O_RDONLY)
        precondition(descriptor >= 0, "NoiseSource.secure: cannot open /dev/urandom (errno \(errno))")
        defer { close(descriptor) }
        buffer.withUnsafeMutableBytes { bytes in
            var filled = 0
            while filled < bytes.count {
                let got = read(descriptor, bytes.baseAddress! + filled, bytes.count - filled)
                precondition(got > 0, "NoiseSource.secure: reading /dev/urandom failed (errno \(errno))")
                filled += got
            }
        }
    }
}

import Synapse

/// Changes inputs the way a fuzzer does: bit flips, byte inserts and
/// deletes, interesting integers (binary and decimal), chunk copies,
/// truncation and splicing with other inputs. Deterministic for a seed.
struct Mutator {
    /// The longest input it makes (1 MiB).
    static let maximumLength = 1 << 20

    private var random: SeededGenerator

    /// A mutator whose choices follow `seed`.
    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// Integers at the edges of the usual ranges, as fuzzers use them.
    private static let interestingIntegers: [UInt64] = [
        0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, UInt64.max,
    ]

    /// Numbers written as text, for JSON and PGM headers.
    private static let interestingNumbers = [
        "0", "-1", "1", "2", "255", "65535", "65536", "16384", "2147483647", "2147483648", "4294967295",
        "4294967296", "9223372036854775807", "-9223372036854775808", "18446744073709551616", "1e308", "-0.0", "1099511627776",
    ]

    /// A random index in `0 ..< count` (count > 0), e.g. of the input to mutate next.
    mutating func pick(_ count: Int) -> Int { below(count) }

    /// A random number in `0 ..< bound` (bound > 0).
    private mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

    /// `input` changed by one to four stacked mutations; `corpus` supplies splices.
    mutating func mutate(_ input: [UInt8], corpus: [[UInt8]]) -> [UInt8] {
        var bytes = input
        for _ in 0 ..< 1 + below(4) { mutateOnce(&bytes, corpus: corpus) }
        if bytes.count > Self.maximumLength { bytes.removeLast(bytes.count - Self.maximumLength) }
        return bytes
    }

    private mutating func mutateOnce(_ bytes: inout [UInt8], corpus: [[UInt8]]) {
        if bytes.isEmpty {
            bytes = [UInt8(truncatingIfNeeded: random.next())]
            return
        }
        let position = below(bytes.count)
        switch below(10) {
        case 0: bytes[position] ^= 1 << UInt8(below(8))
        case 1: bytes[position] = UInt8(truncatingIfNeeded: random.next())
        case 2:
            let inserted = (0 ..< 1 + below(8)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            bytes.insert(contentsOf: inserted, at: position)
        case 3: bytes.removeSubrange(position ..< min(bytes.count, position + 1 + below(16)))
        case 4: writeInteger(&bytes, at: position)
        case 5: writeNumber(&bytes, near: position)
        case 6:
            let other = corpus[below(corpus.count)]
            if !other.isEmpty { bytes = Array(bytes[..<position]) + other[below(other.count)...] }
        case 7:
            let start = below(bytes.count), length = 1 + below(min(64, bytes.count - start))
            bytes.insert(contentsOf: bytes[start ..< start + length], at: position)
        case 8: bytes.removeSubrange(position...)
        default:
            let start = below(bytes.count), length = min(1 + below(32), bytes.count - start, bytes.count - position)
            let chunk = Array(bytes[start ..< start + length])
            bytes.replaceSubrange(position ..< position + length, with: chunk)
        }
    }

    /// Overwrites 1, 2, 4 or 8 bytes at `position` with an interesting integer, either byte order.
    private mutating func writeInteger(_ bytes: inout [UInt8], at position: Int) {
        let width = [1, 2, 4, 8][below(4)]
        var value = Self.interestingIntegers[below(Self.interestingIntegers.count)]
        if below(4) == 0 { value = value &+ UInt64(below(3)) &- 1 }
        var encoded = (0 ..< width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
        if below(2) == 0 { encoded.reverse() }
        let end = min(bytes.count, position + width)
        bytes.replaceSubrange(position ..< end, with: encoded[..<(end - position)])
    }

    /// Replaces the run of digits at or after `position` with an interesting
    /// number written as text (or inserts one when there is no digit after it).
    private mutating func writeNumber(_ bytes: inout [UInt8], near position: Int) {
        let number = Array(Self.interestingNumbers[below(Self.interestingNumbers.count)].utf8)
        let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 || $0 == 0x2D }
        guard let start = bytes[position...].firstIndex(where: isDigit) else {
            bytes.insert(contentsOf: number, at: position)
            return
        }
        let end = bytes[start...].firstIndex(where: { !isDigit($0) }) ?? bytes.count
        bytes.replaceSubrange(start ..< end, with: number)
    }
}

/// The ChaCha20 block function (Bernstein 2008; RFC 8439), eight blocks at
/// a time in SIMD lanes: the keystream behind `NoiseSource.secure`.
enum ChaCha20 {
    /// Writes `groups` × 8 keystream blocks (`groups` × 128 words) to
    /// `output`, for `key` (8 words) and `words12to15` (the 64-bit block
    /// counter in words 12–13, then the nonce); block b uses counter + b.
    static func blocks(key: UnsafePointer<UInt32>, words12to15: (UInt32, UInt32, UInt32, UInt32), groups: Int,
                       into output: UnsafeMutablePointer<UInt32>) {
        let counter = UInt64(words12to15.0) | UInt64(words12to15.1) << 32
        for group in 0 ..< groups {
            let first = counter &+ UInt64(group * 8)
            eightBlocks(key: key, counter: first, nonce: (words12to15.2, words12to15.3), into: output + group * 128)
        }
    }

    /// Blocks counter … counter + 7, lane by lane.
    @inline(__always)
    private static func eightBlocks(key: UnsafePointer<UInt32>, counter: UInt64, nonce: (UInt32, UInt32),
                                    into output: UnsafeMutablePointer<UInt32>) {
        let lanes = SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7) &+ counter
        let low = SIMD8<UInt32>(truncatingIfNeeded: lanes)
        let high = SIMD8<UInt32>(truncatingIfNeeded: lanes &>> 32)
        // "expand 32-byte k", the key, the counter, the nonce.
        let s0 = SIMD8<UInt32>(repeating: 0x6170_7865), s1 = SIMD8<UInt32>(repeating: 0x3320_646e)
        let s2 = SIMD8<UInt32>(repeating: 0x7962_2d32), s3 = SIMD8<UInt32>(repeating: 0x6b20_6574)
        let s4 = SIMD8(repeating: key[0]), s5 = SIMD8(repeating: key[1]), s6 = SIMD8(repeating: key[2])
        let s7 = SIMD8(repeating: key[3]), s8 = SIMD8(repeating: key[4]), s9 = SIMD8(repeating: key[5])
        let s10 = SIMD8(repeating: key[6]), s11 = SIMD8(repeating: key[7])
        let s14 = SIMD8<UInt32>(repeating: nonce.0), s15 = SIMD8<UInt32>(repeating: nonce.1)
        var (x0, x1, x2, x3, x4, x5, x6, x7) = (s0, s1, s2, s3, s4, s5, s6, s7)
        var (x8, x9, x10, x11, x12, x13, x14, x15) = (s8, s9, s10, s11, low, high, s14, s15)
        for _ in 0 ..< 10 {
            quarterRound(&x0, &x4, &x8, &x12)
            quarterRound(&x1, &x5, &x9, &x13)
            quarterRound(&x2, &x6, &x10, &x14)
            quarterRound(&x3, &x7, &x11, &x15)
            quarterRound(&x0, &x5, &x10, &x15)
            quarterRound(&x1, &x6, &x11, &x12)
            quarterRound(&x2, &x7, &x8, &x13)
            quarterRound(&x3, &x4, &x9, &x14)
        }
        store(x0 &+ s0, word: 0, output); store(x1 &+ s1, word: 1, output)
        store(x2 &+ s2, word: 2, output); store(x3 &+ s3, word: 3, output)
        store(x4 &+ s4, word: 4, output); store(x5 &+ s5, word: 5, output)
        store(x6 &+ s6, word: 6, output); store(x7 &+ s7, word: 7, output)
        store(x8 &+ s8, word: 8, output); store(x9 &+ s9, word: 9, output)
        store(x10 &+ s10, word: 10, output); store(x11 &+ s11, word: 11, output)
        store(x12 &+ low, word: 12, output); store(x13 &+ high, word: 13, output)
        store(x14 &+ s14, word: 14, output); store(x15 &+ s15, word: 15, output)
    }

    /// Word `word` of each of the eight blocks.
    @inline(__always)
    private static func store(_ value: SIMD8<UInt32>, word: Int, _ output: UnsafeMutablePointer<UInt32>) {
        for lane in 0 ..< 8 { output[lane * 16 + word] = value[lane] }
    }

    @inline(__always)
    private static func quarterRound(_ a: inout SIMD8<UInt32>, _ b: inout SIMD8<UInt32>,
                                     _ c: inout SIMD8<UInt32>, _ d: inout SIMD8<UInt32>) {
        a &+= b; d ^= a; d = rotate(d, 16)
        c &+= d; b ^= c; b = rotate(b, 12)
        a &+= b; d ^= a; d = rotate(d, 8)
        c &+= d; b ^= c; b = rotate(b, 7)
    }

    @inline(__always)
    private static func rotate(_ value: SIMD8<UInt32>, _ count: UInt32) -> SIMD8<UInt32> {
        (value &<< count) | (value &>> (32 - count))
    }
}

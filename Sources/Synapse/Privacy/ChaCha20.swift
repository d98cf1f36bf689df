/// The ChaCha20 block function (Bernstein 2008; RFC 8439), eight blocks at
/// a time in SIMD lanes: the keystream behind `NoiseSource.secure`.
enum ChaCha20 {
    /// The first four state words: "expand 32-byte k".
    static let constants: [UInt32] = [0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574]

    /// Writes the keystream blocks for `key` (8 words) and `words12to15`
    /// (the 64-bit block counter in words 12–13, then the nonce), with the
    /// counter advanced by 0…7 in the eight blocks, to `output` (128 words).
    static func eightBlocks(key: UnsafePointer<UInt32>, words12to15: (UInt32, UInt32, UInt32, UInt32),
                            into output: UnsafeMutablePointer<UInt32>) {
        let lanes = SIMD8<UInt32>(0, 1, 2, 3, 4, 5, 6, 7)
        let counterLow = SIMD8<UInt32>(repeating: words12to15.0) &+ lanes
        // A lane whose low word wrapped carries into the high word.
        let carry = SIMD8<UInt32>.zero.replacing(with: 1, where: counterLow .< SIMD8<UInt32>(repeating: words12to15.0))
        var initial = [SIMD8<UInt32>](repeating: .zero, count: 16)
        for index in 0 ..< 4 { initial[index] = SIMD8(repeating: constants[index]) }
        for index in 0 ..< 8 { initial[4 + index] = SIMD8(repeating: key[index]) }
        initial[12] = counterLow
        initial[13] = SIMD8(repeating: words12to15.1) &+ carry
        initial[14] = SIMD8(repeating: words12to15.2)
        initial[15] = SIMD8(repeating: words12to15.3)
        initial.withUnsafeMutableBufferPointer { start in
            var x = (start[0], start[1], start[2], start[3], start[4], start[5], start[6], start[7],
                     start[8], start[9], start[10], start[11], start[12], start[13], start[14], start[15])
            for _ in 0 ..< 10 {
                quarterRound(&x.0, &x.4, &x.8, &x.12)
                quarterRound(&x.1, &x.5, &x.9, &x.13)
                quarterRound(&x.2, &x.6, &x.10, &x.14)
                quarterRound(&x.3, &x.7, &x.11, &x.15)
                quarterRound(&x.0, &x.5, &x.10, &x.15)
                quarterRound(&x.1, &x.6, &x.11, &x.12)
                quarterRound(&x.2, &x.7, &x.8, &x.13)
                quarterRound(&x.3, &x.4, &x.9, &x.14)
            }
            let mixed = [x.0, x.1, x.2, x.3, x.4, x.5, x.6, x.7, x.8, x.9, x.10, x.11, x.12, x.13, x.14, x.15]
            for word in 0 ..< 16 {
                let sum = mixed[word] &+ start[word]
                for lane in 0 ..< 8 { output[lane * 16 + word] = sum[lane] }
            }
        }
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

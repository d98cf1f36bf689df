import CSynapseKernels

/// The ChaCha20 block function (Bernstein 2008; RFC 8439), eight blocks at
/// a time (`syn_chacha20_blocks`, in AVX2 where the CPU has it): the
/// keystream behind `NoiseSource.secure`.
enum ChaCha20 {
    /// Writes `groups` × 8 keystream blocks (`groups` × 128 words) to
    /// `output`, for `key` (8 words) and `words12to15` (the 64-bit block
    /// counter in words 12–13, then the nonce); block b uses counter + b.
    static func blocks(key: UnsafePointer<UInt32>, words12to15: (UInt32, UInt32, UInt32, UInt32), groups: Int,
                       into output: UnsafeMutablePointer<UInt32>) {
        let counter = UInt64(words12to15.0) | UInt64(words12to15.1) << 32
        syn_chacha20_blocks(key, counter, words12to15.2, words12to15.3, groups, output)
    }
}

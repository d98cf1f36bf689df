import CSynapseKernels

/// SHA-256 (FIPS 180-4), for verifying downloaded dataset files and
/// fingerprinting datasets: on the CPU's SHA extensions where it has them,
/// else in portable C (both in CSynapseKernels).
public struct SHA256: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6A09_E667, 0xBB67_AE85, 0x3C6E_F372, 0xA54F_F53A, 0x510E_527F, 0x9B05_688C, 0x1F83_D9AB, 0x5BE0_CD19)
    private var pending: [UInt8] = []
    private var totalBytes: UInt64 = 0

    /// Whether the CPU's SHA extensions may be used (tests turn them off to
    /// check them against the portable rounds).
    private let allowsExtensions: Bool

    /// Starts a digest of no bytes.
    public init() { allowsExtensions = true }

    /// Starts a digest of no bytes that computes every round without the SHA extensions.
    init(portableRoundsOnly: Bool) { allowsExtensions = !portableRoundsOnly }

    /// The lowercase hexadecimal SHA-256 of `bytes`.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// Feeds more bytes.
    public mutating func update(_ bytes: [UInt8]) {
        totalBytes &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending += bytes[0..<take]
            start = take
            if pending.count == 64 {
                let block = pending
                pending.removeAll(keepingCapacity: true)
                block.withUnsafeBufferPointer { compressBlocks($0.baseAddress!, count: 1) }
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            let blocks = (buffer.count - start) / 64
            if blocks > 0 {
                compressBlocks(buffer.baseAddress! + start, count: blocks)
                start += 64 * blocks
            }
        }
        if start < bytes.count { pending += bytes[start...] }
    }

    /// The 32-byte digest of everything fed so far. The hasher must not be used afterwards.
    public mutating func finalize() -> [UInt8] {
        let bitLength = totalBytes &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBufferPointer { buffer in compressBlocks(buffer.baseAddress!, count: buffer.count / 64) }
        pending = []
        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        return words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * $0)) } }
    }

    /// The digest as 64 lowercase hexadecimal digits.
    public mutating func finalizeHex() -> String {
        let digits = Array("0123456789abcdef")
        return String(finalize().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    /// Compresses `count` consecutive 64-byte blocks in the C kernel
    /// (`syn_sha256_blocks`): with the SHA extensions when the CPU has them
    /// and this hasher allows them.
    private mutating func compressBlocks(_ blocks: UnsafePointer<UInt8>, count: Int) {
        let useExtensions: Int32 = allowsExtensions ? 1 : 0
        withUnsafeMutablePointer(to: &state) { tuple in
            tuple.withMemoryRebound(to: UInt32.self, capacity: 8) { syn_sha256_blocks($0, blocks, count, useExtensions) }
        }
    }
}

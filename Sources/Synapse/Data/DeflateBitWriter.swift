/// Writes a DEFLATE bit stream (RFC 1951 §3.1.1): values are packed from the
/// least significant bit of each byte; Huffman codes are given already
/// bit-reversed, so every write is least-significant-bit first.
struct DeflateBitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var bufferedBits = 0

    init(reservingCapacity capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends the low `count` bits of `value` (count ≤ 32).
    mutating func write(_ value: UInt32, bits count: Int) {
        buffer |= UInt64(value) << UInt64(bufferedBits)
        bufferedBits += count
        while bufferedBits >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            bufferedBits -= 8
        }
    }

    /// Appends a Huffman code of `length` bits, most significant bit first.
    mutating func writeCode(_ code: UInt32, length: Int) {
        var reversed: UInt32 = 0
        var remaining = code
        for _ in 0 ..< length {
            reversed = reversed << 1 | (remaining & 1)
            remaining >>= 1
        }
        write(reversed, bits: length)
    }

    /// Pads the last byte with zero bits and returns the stream.
    mutating func finish() -> [UInt8] {
        if bufferedBits > 0 { write(0, bits: 8 - bufferedBits) }
        return bytes
    }
}

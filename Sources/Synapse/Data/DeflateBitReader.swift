/// Reads DEFLATE's least-significant-bit-first bit stream from a byte buffer,
/// keeping up to 64 bits in a register and refilling eight bytes at a time.
struct DeflateBitReader {
    private let base: UnsafePointer<UInt8>
    private let end: Int
    /// Index of the next byte not yet moved into `bits`.
    private(set) var position: Int
    /// Buffered bits, the next one in bit 0.
    private(set) var bits: UInt64 = 0
    /// Number of valid bits in `bits`.
    private(set) var bitCount: Int = 0

    init(_ base: UnsafePointer<UInt8>, start: Int, end: Int) {
        self.base = base
        self.position = start
        self.end = end
    }

    /// Index of the first byte not consumed, counting whole bytes still buffered as unread.
    var bytePosition: Int { position - bitCount / 8 }

    /// Tops the buffer up to at least 56 bits, or to all remaining input near the end.
    @inline(__always)
    mutating func refill() {
        if position + 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            bits |= word << UInt64(bitCount)
            position += (63 - bitCount) >> 3
            bitCount |= 56
        } else {
            while bitCount <= 56 && position < end {
                bits |= UInt64(base[position]) << UInt64(bitCount)
                position += 1
                bitCount += 8
            }
        }
    }

    /// Drops `count` bits, failing if the input holds fewer.
    @inline(__always)
    mutating func consume(_ count: Int) throws {
        guard count <= bitCount else { throw GzipError.truncated("DEFLATE data ends inside a code") }
        bits >>= UInt64(count)
        bitCount -= count
    }

    /// Reads `count` (≤ 32) bits as an integer, first bit lowest.
    @inline(__always)
    mutating func read(_ count: Int) throws -> Int {
        if bitCount < count { refill() }
        let value = Int(truncatingIfNeeded: bits & ((1 << UInt64(count)) &- 1))
        try consume(count)
        return value
    }

    /// Discards bits up to the next byte boundary.
    mutating func alignToByte() {
        let drop = bitCount & 7
        bits >>= UInt64(drop)
        bitCount -= drop
    }

    /// Copies `count` whole bytes (after `alignToByte()`) into `destination`.
    mutating func copyBytes(_ count: Int, to destination: UnsafeMutablePointer<UInt8>) throws {
        var written = 0
        while written < count && bitCount >= 8 {
            destination[written] = UInt8(truncatingIfNeeded: bits)
            bits >>= 8
            bitCount -= 8
            written += 1
        }
        let rest = count - written
        if rest > 0 { bits = 0 }  // drop look-ahead bytes that the jump below makes stale
        guard rest <= end - position else { throw GzipError.truncated("stored block needs \(count) bytes") }
        if rest > 0 {
            (destination + written).update(from: base + position, count: rest)
            position += rest
        }
    }
}

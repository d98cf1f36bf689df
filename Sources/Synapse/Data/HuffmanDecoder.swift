/// A canonical Huffman code as used by DEFLATE, decoded with a 10-bit lookup
/// table for short codes and a canonical bit-by-bit walk for longer ones.
///
/// All storage lives in one buffer owned by the caller, so that decoding touches
/// no reference counts or bounds checks.
struct HuffmanDecoder {
    static let fastBits = 10
    static let maxBits = 15
    /// Entries in the buffer one decoder needs for up to `maxSymbols` symbols.
    static func storageSize(maxSymbols: Int) -> Int { (1 << fastBits) + (maxBits + 1) + maxSymbols }

    /// `(symbol << 4) | length` for codes of at most `fastBits` bits, indexed by the next
    /// `fastBits` input bits; 0 where the code is longer (or unused).
    private let fast: UnsafeMutablePointer<UInt16>
    /// Number of codes of each length 0...15.
    private let counts: UnsafeMutablePointer<UInt16>
    /// Symbols in canonical order (by length, then by value).
    private let symbols: UnsafeMutablePointer<UInt16>

    init(storage: UnsafeMutablePointer<UInt16>) {
        fast = storage
        counts = storage + (1 << Self.fastBits)
        symbols = counts + (Self.maxBits + 1)
    }

    /// Builds the code from per-symbol code lengths (0 = symbol unused).
    /// Rejects over-subscribed codes; incomplete codes are accepted and fail only if an unused code appears.
    func build(lengths: UnsafePointer<UInt8>, count: Int) throws {
        counts.update(repeating: 0, count: Self.maxBits + 1)
        for i in 0..<count { counts[Int(lengths[i])] += 1 }
        counts[0] = 0
        var left = 1
        for length in 1...Self.maxBits {
            left = (left << 1) - Int(counts[length])
            if left < 0 { throw GzipError.corrupt("over-subscribed Huffman code") }
        }
        var offsets = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &offsets) { raw in
            let offset = raw.baseAddress!.assumingMemoryBound(to: Int.self)
            offset[1] = 0
            for length in 1..<Self.maxBits { offset[length + 1] = offset[length] + Int(counts[length]) }
            for symbol in 0..<count where lengths[symbol] != 0 {
                let length = Int(lengths[symbol])
                symbols[offset[length]] = UInt16(symbol)
                offset[length] += 1
            }
        }
        fillFastTable(lengths: lengths)
    }

    private func fillFastTable(lengths: UnsafePointer<UInt8>) {
        let size = 1 << Self.fastBits
        fast.update(repeating: 0, count: size)
        var code = 0
        var index = 0
        for length in 1...Self.fastBits {
            let n = Int(counts[length])
            for _ in 0..<n {
                let symbol = Int(symbols[index])
                let reversed = Self.reverse(code, bits: length)
                let entry = UInt16(symbol << 4 | length)
                var slot = reversed
                while slot < size {
                    fast[slot] = entry
                    slot += 1 << length
                }
                code += 1
                index += 1
            }
            code <<= 1
        }
    }

    private static func reverse(_ value: Int, bits: Int) -> Int {
        var v = value
        var r = 0
        for _ in 0..<bits {
            r = (r << 1) | (v & 1)
            v >>= 1
        }
        return r
    }

    /// Decodes one symbol. The reader must have been refilled recently enough to
    /// hold 15 bits unless the input is ending.
    @inline(__always)
    func decode(_ reader: inout DeflateBitReader) throws -> Int {
        let entry = Int(fast[Int(truncatingIfNeeded: reader.bits) & ((1 << Self.fastBits) - 1)])
        if entry != 0 {
            try reader.consume(entry & 15)
            return entry >> 4
        }
        return try decodeSlowly(&reader)
    }

    private func decodeSlowly(_ reader: inout DeflateBitReader) throws -> Int {
        let bits = reader.bits
        var code = 0
        var first = 0
        var index = 0
        for length in 1...Self.maxBits {
            code |= Int((bits >> UInt64(length - 1)) & 1)
            let count = Int(counts[length])
            if code - first < count {
                try reader.consume(length)
                return Int(symbols[index + code - first])
            }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        if reader.bitCount < Self.maxBits { throw GzipError.truncated("DEFLATE data ends inside a code") }
        throw GzipError.corrupt("invalid Huffman code")
    }
}

/// Raw DEFLATE (RFC 1951) compression: LZ77 matches over a 32 KiB window,
/// coded in one fixed-Huffman block. It is the writer's half of `Inflate`,
/// used for PNG images; on heat maps and plots, with their flat areas, it
/// compresses several-fold, which is all an image writer needs.
public enum Deflate {
    /// Compresses `bytes` into a raw DEFLATE stream (no zlib or gzip wrapper).
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var writer = DeflateBitWriter(reservingCapacity: bytes.count / 2 + 16)
        writer.write(1, bits: 1)   // BFINAL: the only block
        writer.write(1, bits: 2)   // BTYPE 01: fixed Huffman codes
        bytes.withUnsafeBufferPointer { input in
            var matcher = LZ77Matcher(input)
            var position = 0
            while position < input.count {
                if let match = matcher.longestMatch(at: position) {
                    writeLength(match.length, to: &writer)
                    writeDistance(match.distance, to: &writer)
                    for skipped in position ..< position + match.length { matcher.insert(skipped) }
                    position += match.length
                } else {
                    writeLiteral(Int(input[position]), to: &writer)
                    matcher.insert(position)
                    position += 1
                }
            }
        }
        writeLiteral(256, to: &writer)   // end of block
        return writer.finish()
    }

    /// A literal or length symbol in the fixed code (RFC 1951 §3.2.6).
    private static func writeLiteral(_ symbol: Int, to writer: inout DeflateBitWriter) {
        switch symbol {
        case 0 ... 143: writer.writeCode(UInt32(0x30 + symbol), length: 8)
        case 144 ... 255: writer.writeCode(UInt32(0x190 + symbol - 144), length: 9)
        case 256 ... 279: writer.writeCode(UInt32(symbol - 256), length: 7)
        default: writer.writeCode(UInt32(0xC0 + symbol - 280), length: 8)
        }
    }

    private static func writeLength(_ length: Int, to writer: inout DeflateBitWriter) {
        // 258 has its own symbol (285), the last base; 227 + 31 extra must not be used for it.
        let index = lengthBase.lastIndex { $0 <= length } ?? 0
        writeLiteral(257 + index, to: &writer)
        if lengthExtra[index] > 0 { writer.write(UInt32(length - lengthBase[index]), bits: lengthExtra[index]) }
    }

    private static func writeDistance(_ distance: Int, to writer: inout DeflateBitWriter) {
        let index = distanceBase.lastIndex { $0 <= distance } ?? 0
        writer.writeCode(UInt32(index), length: 5)
        if distanceExtra[index] > 0 { writer.write(UInt32(distance - distanceBase[index]), bits: distanceExtra[index]) }
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                     35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                      3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                       257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                       8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
}

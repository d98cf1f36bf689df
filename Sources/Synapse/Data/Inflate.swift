/// Raw DEFLATE (RFC 1951) decompression: stored, fixed-Huffman and dynamic-Huffman blocks.
public enum Inflate {
    /// Decompresses a raw DEFLATE stream (no gzip or zlib wrapper) and returns the bytes.
    /// - Parameters:
    ///   - bytes: the DEFLATE stream.
    ///   - limit: the most output allowed; a stream producing more fails.
    /// - Throws: `GzipError.truncated`, `GzipError.corrupt` or `GzipError.outputTooLarge`.
    public static func decompress(_ bytes: [UInt8], limit: DecompressionLimit = .unlimited) throws -> [UInt8] {
        try bytes.withUnsafeBufferPointer { buffer in
            var output = InflateOutput(capacityHint: buffer.count * 4, limit: limit)
            do {
                guard let base = buffer.baseAddress else { throw GzipError.truncated("empty DEFLATE stream") }
                _ = try inflate(base, start: 0, end: buffer.count, into: &output, historyStart: 0)
                return output.finish()
            } catch {
                output.release()
                throw error
            }
        }
    }

    // Length and distance symbols: base value and extra-bit count (RFC 1951 §3.2.5).
    private static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                               35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra: [UInt16] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                                3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                                 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                                 8193, 12289, 16385, 24577]
    private static let distanceExtra: [UInt16] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                                  7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    private static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Decompresses one DEFLATE stream from `input[start..<end]`, appending to `output`.
    /// Back-references may not reach before `historyStart` in the output.
    /// - Returns: the index of the first input byte after the stream.
    static func inflate(_ input: UnsafePointer<UInt8>, start: Int, end: Int,
                        into output: inout InflateOutput, historyStart: Int) throws -> Int {
        let literalSize = HuffmanDecoder.storageSize(maxSymbols: 288)
        let distanceSize = HuffmanDecoder.storageSize(maxSymbols: 32)
        let codeLengthSize = HuffmanDecoder.storageSize(maxSymbols: 19)
        let tableSize = 4 * 32
        let total = literalSize + distanceSize + codeLengthSize + tableSize
        let workspace = UnsafeMutablePointer<UInt16>.allocate(capacity: total)
        defer { workspace.deallocate() }
        let lengths = UnsafeMutablePointer<UInt8>.allocate(capacity: 320)
        defer { lengths.deallocate() }

        let literals = HuffmanDecoder(storage: workspace)
        let distances = HuffmanDecoder(storage: workspace + literalSize)
        let codeLengths = HuffmanDecoder(storage: workspace + literalSize + distanceSize)
        let tables = workspace + literalSize + distanceSize + codeLengthSize
        let symbolTables = SymbolTables(
            lengthBase: tables, lengthExtra: tables + 32, distanceBase: tables + 64, distanceExtra: tables + 96)
        lengthBase.withUnsafeBufferPointer { symbolTables.lengthBase.update(from: $0.baseAddress!, count: 29) }
        lengthExtra.withUnsafeBufferPointer { symbolTables.lengthExtra.update(from: $0.baseAddress!, count: 29) }
        distanceBase.withUnsafeBufferPointer { symbolTables.distanceBase.update(from: $0.baseAddress!, count: 30) }
        distanceExtra.withUnsafeBufferPointer { symbolTables.distanceExtra.update(from: $0.baseAddress!, count: 30) }

        var reader = DeflateBitReader(input, start: start, end: end)
        var isFinal = false
        while !isFinal {
            reader.refill()
            isFinal = try reader.read(1) == 1
            switch try reader.read(2) {
            case 0:
                try copyStoredBlock(&reader, into: &output)
                continue
            case 1:
                try buildFixedCodes(literals: literals, distances: distances, lengths: lengths)
            case 2:
                try readDynamicCodes(&reader, literals: literals, distances: distances,
                                     codeLengths: codeLengths, lengths: lengths)
            default:
                throw GzipError.corrupt("invalid DEFLATE block type 3")
            }
            try decodeBlock(&reader, literals: literals, distances: distances, tables: symbolTables,
                            into: &output, historyStart: historyStart)
        }
        return reader.bytePosition
    }

    private struct SymbolTables {
        let lengthBase: UnsafeMutablePointer<UInt16>
        let lengthExtra: UnsafeMutablePointer<UInt16>
        let distanceBase: UnsafeMutablePointer<UInt16>
        let distanceExtra: UnsafeMutablePointer<UInt16>
    }

    private static func copyStoredBlock(_ reader: inout DeflateBitReader, into output: inout InflateOutput) throws {
        reader.alignToByte()
        let length = try reader.read(16)
        let complement = try reader.read(16)
        guard length == ~complement & 0xFFFF else {
            throw GzipError.corrupt("stored block length \(length) does not match its complement")
        }
        try output.reserve(length)
        try reader.copyBytes(length, to: output.base + output.count)
        output.count += length
    }

    private static func buildFixedCodes(literals: HuffmanDecoder, distances: HuffmanDecoder,
                                        lengths: UnsafeMutablePointer<UInt8>) throws {
        for i in 0..<144 { lengths[i] = 8 }
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        for i in 280..<288 { lengths[i] = 8 }
        try literals.build(lengths: lengths, count: 288)
        for i in 0..<30 { lengths[i] = 5 }
        try distances.build(lengths: lengths, count: 30)
    }

    private static func readDynamicCodes(_ reader: inout DeflateBitReader, literals: HuffmanDecoder,
                                         distances: HuffmanDecoder, codeLengths: HuffmanDecoder,
                                         lengths: UnsafeMutablePointer<UInt8>) throws {
        let literalCount = try reader.read(5) + 257
        let distanceCount = try reader.read(5) + 1
        let codeLengthCount = try reader.read(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw GzipError.corrupt("dynamic block declares \(literalCount) literal/length and \(distanceCount) distance codes")
        }
        lengths.update(repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            lengths[codeLengthOrder[i]] = UInt8(try reader.read(3))
        }
        try codeLengths.build(lengths: lengths, count: 19)

        let total = literalCount + distanceCount
        var index = 0
        while index < total {
            reader.refill()
            let symbol = try codeLengths.decode(&reader)
            if symbol < 16 {
                lengths[index] = UInt8(symbol)
                index += 1
                continue
            }
            var value: UInt8 = 0
            let repeatCount: Int
            switch symbol {
            case 16:
                guard index > 0 else { throw GzipError.corrupt("repeat code with no previous length") }
                value = lengths[index - 1]
                repeatCount = 3 + (try reader.read(2))
            case 17:
                repeatCount = 3 + (try reader.read(3))
            default:
                repeatCount = 11 + (try reader.read(7))
            }
            guard index + repeatCount <= total else { throw GzipError.corrupt("code lengths overflow the table") }
            for _ in 0..<repeatCount {
                lengths[index] = value
                index += 1
            }
        }
        guard lengths[256] != 0 else { throw GzipError.corrupt("dynamic block has no end-of-block code") }
        try literals.build(lengths: lengths, count: literalCount)
        try distances.build(lengths: lengths + literalCount, count: distanceCount)
    }

    private static func decodeBlock(_ reader: inout DeflateBitReader, literals: HuffmanDecoder,
                                    distances: HuffmanDecoder, tables: SymbolTables,
                                    into output: inout InflateOutput, historyStart: Int) throws {
        while true {
            // One refill covers the longest sequence: 15 + 5 + 15 + 13 = 48 bits.
            if reader.bitCount < 48 { reader.refill() }
            try output.reserve(258)
            var symbol = try literals.decode(&reader)
            if symbol < 256 {
                output.base[output.count] = UInt8(truncatingIfNeeded: symbol)
                output.count += 1
                continue
            }
            if symbol == 256 { return }
            symbol -= 257
            guard symbol < 29 else { throw GzipError.corrupt("invalid length symbol \(symbol + 257)") }
            let length = Int(tables.lengthBase[symbol]) + (try reader.read(Int(tables.lengthExtra[symbol])))
            let distanceSymbol = try distances.decode(&reader)
            guard distanceSymbol < 30 else { throw GzipError.corrupt("invalid distance symbol \(distanceSymbol)") }
            let distance = Int(tables.distanceBase[distanceSymbol])
                + (try reader.read(Int(tables.distanceExtra[distanceSymbol])))
            guard distance <= output.count - historyStart else {
                throw GzipError.corrupt("back-reference distance \(distance) reaches before the start of the data")
            }
            copyMatch(output.base + output.count, distance: distance, length: length)
            output.count += length
        }
    }

    /// Copies `length` bytes from `distance` bytes back; may write up to 7 bytes past the end.
    @inline(__always)
    private static func copyMatch(_ destination: UnsafeMutablePointer<UInt8>, distance: Int, length: Int) {
        let source = UnsafeMutableRawPointer(destination - distance)
        let target = UnsafeMutableRawPointer(destination)
        if distance >= 8 {
            var offset = 0
            while offset < length {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self),
                                  toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
        } else if distance == 1 {
            destination.update(repeating: destination[-1], count: length)
        } else {
            for i in 0..<length { destination[i] = destination[i - distance] }
        }
    }
}

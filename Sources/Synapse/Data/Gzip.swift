/// Gzip (RFC 1952) decompression in pure Swift: all header flags, multiple members,
/// and CRC-32 and length verification of every member.
public enum Gzip {
    /// Whether `bytes` starts with the gzip magic bytes `1f 8b`.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Decompresses a gzip stream of one or more members and returns the concatenated bytes.
    /// Zero bytes after the last member (tape padding) are ignored.
    /// - Parameters:
    ///   - bytes: the gzip stream.
    ///   - limit: the most output allowed; a stream producing more fails.
    /// - Throws: `GzipError` if the stream is not gzip, is truncated, corrupt, fails its checks,
    ///   or inflates past `limit`.
    public static func decompress(_ bytes: [UInt8], limit: DecompressionLimit = .unlimited) throws -> [UInt8] {
        try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, isGzip(bytes) else { throw GzipError.notGzip }
            var output = InflateOutput(capacityHint: capacityHint(buffer), limit: limit)
            do {
                try decompressMembers(base, count: buffer.count, into: &output)
                return output.finish()
            } catch {
                output.release()
                throw error
            }
        }
    }

    /// The last member's ISIZE, when plausible, so a single-member file needs no regrowth.
    private static func capacityHint(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        let n = buffer.count
        guard n >= 18 else { return 1024 }
        let size = Int(readUInt32(buffer.baseAddress!, at: n - 4))
        let maximumRatio = 1032  // DEFLATE cannot expand more than this
        return size <= n * maximumRatio ? size : n * 4
    }

    private static func decompressMembers(_ base: UnsafePointer<UInt8>, count: Int,
                                          into output: inout InflateOutput) throws {
        var position = 0
        repeat {
            let memberStart = output.count
            position = try skipHeader(base, at: position, count: count)
            position = try Inflate.inflate(base, start: position, end: count, into: &output, historyStart: memberStart)
            guard position + 8 <= count else { throw GzipError.truncated("gzip trailer (CRC-32 and length) missing") }
            let storedCRC = readUInt32(base, at: position)
            let storedSize = readUInt32(base, at: position + 4)
            position += 8
            let crc = CRC32.checksum(UnsafeRawBufferPointer(start: output.base + memberStart,
                                                             count: output.count - memberStart))
            guard crc == storedCRC else { throw GzipError.checksumMismatch(expected: storedCRC, actual: crc) }
            let size = UInt32(truncatingIfNeeded: output.count - memberStart)
            guard size == storedSize else { throw GzipError.lengthMismatch(expected: storedSize, actual: size) }
        } while try position < count && !isZeroPadding(base, from: position, count: count)
    }

    private static func isZeroPadding(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) throws -> Bool {
        if count - start >= 2 && base[start] == 0x1F && base[start + 1] == 0x8B { return false }
        for i in start..<count where base[i] != 0 {
            throw GzipError.corrupt("unexpected bytes after gzip member at offset \(start)")
        }
        return true
    }

    private enum Flag {
        static let headerCRC: UInt8 = 0x02
        static let extra: UInt8 = 0x04
        static let name: UInt8 = 0x08
        static let comment: UInt8 = 0x10
        static let reserved: UInt8 = 0xE0
    }

    /// Validates a member header starting at `start`; returns the offset of its DEFLATE data.
    private static func skipHeader(_ base: UnsafePointer<UInt8>, at start: Int, count: Int) throws -> Int {
        guard count - start >= 10 else { throw GzipError.truncated("gzip header is shorter than 10 bytes") }
        guard base[start] == 0x1F, base[start + 1] == 0x8B else { throw GzipError.notGzip }
        guard base[start + 2] == 8 else { throw GzipError.unsupportedMethod(base[start + 2]) }
        let flags = base[start + 3]
        guard flags & Flag.reserved == 0 else { throw GzipError.corrupt("reserved gzip header flags are set") }
        var position = start + 10
        if flags & Flag.extra != 0 {
            guard position + 2 <= count else { throw GzipError.truncated("gzip FEXTRA length") }
            let length = Int(base[position]) | Int(base[position + 1]) << 8
            position += 2 + length
            guard position <= count else { throw GzipError.truncated("gzip FEXTRA field") }
        }
        if flags & Flag.name != 0 { position = try skipZeroTerminated(base, from: position, count: count, field: "FNAME") }
        if flags & Flag.comment != 0 { position = try skipZeroTerminated(base, from: position, count: count, field: "FCOMMENT") }
        if flags & Flag.headerCRC != 0 {
            guard position + 2 <= count else { throw GzipError.truncated("gzip FHCRC field") }
            let stored = UInt16(base[position]) | UInt16(base[position + 1]) << 8
            let crc = CRC32.checksum(UnsafeRawBufferPointer(start: base + start, count: position - start))
            guard stored == UInt16(truncatingIfNeeded: crc) else {
                throw GzipError.corrupt("gzip header CRC (FHCRC) does not match the header")
            }
            position += 2
        }
        return position
    }

    private static func skipZeroTerminated(_ base: UnsafePointer<UInt8>, from start: Int, count: Int,
                                           field: String) throws -> Int {
        var position = start
        while position < count {
            if base[position] == 0 { return position + 1 }
            position += 1
        }
        throw GzipError.truncated("gzip \(field) field has no terminating zero")
    }

    private static func readUInt32(_ base: UnsafePointer<UInt8>, at offset: Int) -> UInt32 {
        UInt32(base[offset]) | UInt32(base[offset + 1]) << 8 | UInt32(base[offset + 2]) << 16 | UInt32(base[offset + 3]) << 24
    }
}

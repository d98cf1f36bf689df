extension ZlibStream {
    /// `bytes` as a zlib stream: the header (DEFLATE, 32 KiB window, no
    /// dictionary), the compressed data and the Adler-32 of `bytes`.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var stream: [UInt8] = [0x78, 0x01]   // 0x7801 is a multiple of 31, as RFC 1950 requires
        stream += Deflate.compress(bytes)
        let check = adler32(bytes)
        stream += [UInt8(check >> 24), UInt8(check >> 16 & 0xFF), UInt8(check >> 8 & 0xFF), UInt8(check & 0xFF)]
        return stream
    }
}

/// The CRC-32 checksum used by gzip and zip (IEEE 802.3, reflected polynomial 0xEDB88320).
///
/// Uses slicing-by-8 tables so that checking tens of megabytes costs milliseconds.
public struct CRC32: Sendable {
    /// The checksum of all bytes fed so far.
    public private(set) var value: UInt32 = 0

    /// Creates a checksum of no bytes (value 0).
    public init() {}

    /// Returns the CRC-32 of `bytes`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }

    /// Returns the CRC-32 of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// Feeds more bytes into the checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var crc = ~value
        var p = base.assumingMemoryBound(to: UInt8.self)
        var remaining = bytes.count
        CRC32.tables.withUnsafeBufferPointer { t in
            while remaining >= 8 {
                let low = UInt32(p[0]) | UInt32(p[1]) << 8 | UInt32(p[2]) << 16 | UInt32(p[3]) << 24
                let x = crc ^ low
                crc = t[7 * 256 + Int(x & 0xFF)]
                    ^ t[6 * 256 + Int((x >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((x >> 16) & 0xFF)]
                    ^ t[4 * 256 + Int(x >> 24)]
                    ^ t[3 * 256 + Int(p[4])]
                    ^ t[2 * 256 + Int(p[5])]
                    ^ t[1 * 256 + Int(p[6])]
                    ^ t[Int(p[7])]
                p += 8
                remaining -= 8
            }
            while remaining > 0 {
                crc = t[Int((crc ^ UInt32(p.pointee)) & 0xFF)] ^ (crc >> 8)
                p += 1
                remaining -= 1
            }
        }
        value = ~crc
    }

    /// Eight 256-entry tables: table k advances a byte through k further zero bytes.
    private static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[n] = c
        }
        for k in 1..<8 {
            for n in 0..<256 {
                let previous = t[(k - 1) * 256 + n]
                t[k * 256 + n] = t[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return t
    }()
}

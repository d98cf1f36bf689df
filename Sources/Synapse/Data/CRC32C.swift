/// The CRC-32C checksum (Castagnoli, reflected polynomial 0x82F63B78), the
/// one TFRecord files frame their records with.
public enum CRC32C {
    /// The CRC-32C of `bytes` (0xE3069283 for "123456789").
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            for byte in bytes { crc = t[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return ~crc
    }

    /// TFRecord's masked form: rotated right by 15 bits plus a constant, so
    /// that a CRC of data containing CRCs stays well distributed.
    public static func masked(_ bytes: [UInt8]) -> UInt32 {
        let crc = checksum(bytes)
        return (crc >> 15 | crc << 17) &+ 0xA282_EAD8
    }

    private static let table: [UInt32] = (0 ..< 256).map { n in
        var c = UInt32(n)
        for _ in 0 ..< 8 { c = (c & 1) != 0 ? 0x82F6_3B78 ^ (c >> 1) : c >> 1 }
        return c
    }
}

/// TFRecord framing, the container of TensorBoard's event files: each
/// record is its length (u64, little-endian), the masked CRC-32C of those 8
/// bytes, the data, and the masked CRC-32C of the data.
enum TFRecord {
    /// `data` framed as one record.
    static func frame(_ data: [UInt8]) -> [UInt8] {
        let length = UInt64(data.count)
        let lengthBytes = (0 ..< 8).map { UInt8(length >> UInt64(8 * $0) & 0xFF) }
        return lengthBytes + littleEndian(CRC32C.masked(lengthBytes)) + data + littleEndian(CRC32C.masked(data))
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0 ..< 4).map { UInt8(value >> UInt32(8 * $0) & 0xFF) }
    }
}

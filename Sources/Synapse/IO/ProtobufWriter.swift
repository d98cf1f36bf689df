/// A minimal Protocol Buffers encoder for the messages Synapse writes (ONNX
/// models, TensorBoard events). Fields are appended in the order written;
/// nested messages are encoded separately and added as length-delimited
/// fields.
///
/// Wire types: 0 varint (ints, enums, bools), 1 fixed 64-bit (double),
/// 2 length-delimited (strings, bytes, messages, packed repeated scalars),
/// 5 fixed 32-bit (float).
struct ProtobufWriter {
    /// The encoded bytes so far.
    private(set) var bytes: [UInt8] = []

    private enum WireType: UInt64 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    /// Appends `value` as a base-128 varint (least significant group first).
    mutating func appendVarint(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(remaining & 0x7F) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    private mutating func appendKey(_ field: Int, _ wireType: WireType) {
        appendVarint(UInt64(field) << 3 | wireType.rawValue)
    }

    /// An `int64`/`int32`/enum field; negative values take ten bytes (two's complement), as protobuf requires.
    mutating func writeInt(_ field: Int, _ value: Int64) {
        appendKey(field, .varint)
        appendVarint(UInt64(bitPattern: value))
    }

    /// A `float` field (little-endian fixed 32-bit).
    mutating func writeFloat(_ field: Int, _ value: Float) {
        appendKey(field, .fixed32)
        appendFixed32(value.bitPattern)
    }

    /// A `double` field (little-endian fixed 64-bit).
    mutating func writeDouble(_ field: Int, _ value: Double) {
        appendKey(field, .fixed64)
        appendFixed64(value.bitPattern)
    }

    /// A packed `repeated double` field.
    mutating func writePackedDoubles(_ field: Int, _ values: [Double]) {
        appendKey(field, .lengthDelimited)
        appendVarint(UInt64(values.count * 8))
        for value in values { appendFixed64(value.bitPattern) }
    }

    /// A `string` field (UTF-8).
    mutating func writeString(_ field: Int, _ value: String) {
        writeBytes(field, Array(value.utf8))
    }

    /// A `bytes` field, or any length-delimited payload.
    mutating func writeBytes(_ field: Int, _ value: [UInt8]) {
        appendKey(field, .lengthDelimited)
        appendVarint(UInt64(value.count))
        bytes += value
    }

    /// An embedded message field.
    mutating func writeMessage(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        build(&nested)
        writeBytes(field, nested.bytes)
    }

    /// A packed `repeated float` field.
    mutating func writePackedFloats<C: Collection>(_ field: Int, _ values: C) where C.Element == Float {
        appendKey(field, .lengthDelimited)
        appendVarint(UInt64(values.count * 4))
        bytes.reserveCapacity(bytes.count + values.count * 4)
        for value in values { appendFixed32(value.bitPattern) }
    }

    /// A packed `repeated int64` field.
    mutating func writePackedInts(_ field: Int, _ values: [Int64]) {
        var payload = ProtobufWriter()
        for value in values { payload.appendVarint(UInt64(bitPattern: value)) }
        writeBytes(field, payload.bytes)
    }

    private mutating func appendFixed64(_ bits: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(bits >> UInt64(shift) & 0xFF)) }
    }

    private mutating func appendFixed32(_ bits: UInt32) {
        bytes += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
    }
}

import XCTest

/// Splits protobuf bytes into (field, payload) pairs, for checking the
/// structure of ONNX models and TensorBoard events. Varint fields come back
/// as their value; the others as their bytes.
func protobufFields(_ bytes: [UInt8]) -> [(field: Int, varint: UInt64?, bytes: [UInt8])] {
    var fields: [(Int, UInt64?, [UInt8])] = []
    var index = 0
    func varint() -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            let byte = bytes[index]; index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
    while index < bytes.count {
        let key = varint()
        switch key & 7 {
        case 0: fields.append((Int(key >> 3), varint(), []))
        case 2:
            let length = Int(varint())
            fields.append((Int(key >> 3), nil, Array(bytes[index ..< index + length])))
            index += length
        case 1:
            fields.append((Int(key >> 3), nil, Array(bytes[index ..< index + 8])))
            index += 8
        case 5:
            fields.append((Int(key >> 3), nil, Array(bytes[index ..< index + 4])))
            index += 4
        default: preconditionFailure("unexpected wire type \(key & 7)")
        }
    }
    return fields
}

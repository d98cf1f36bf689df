import Foundation
import XCTest

/// Every image summary in the one TensorBoard event file in `directory`:
/// its tag, step and PNG bytes, read record by record.
func tensorBoardImages(inEventFileIn directory: URL) throws -> [(tag: String, step: Int, png: [UInt8])] {
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    XCTAssertEqual(files.count, 1, "\(files)")
    let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(try XCTUnwrap(files.first))))
    var found: [(tag: String, step: Int, png: [UInt8])] = []
    var offset = 0
    while offset + 12 <= bytes.count {
        // A record: length (u64), its masked CRC, the event, the event's masked CRC.
        let length = (0 ..< 8).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        let event = protobufFields(Array(bytes[offset + 12 ..< offset + 12 + length]))
        offset += 12 + length + 4
        let step = Int(event.first { $0.field == 2 }?.varint ?? 0)
        for summary in event where summary.field == 5 {
            for value in protobufFields(summary.bytes) where value.field == 1 {
                let parts = protobufFields(value.bytes)
                guard let tag = parts.first(where: { $0.field == 1 }),
                      let image = parts.first(where: { $0.field == 4 }) else { continue }
                let png = protobufFields(image.bytes).first { $0.field == 4 }?.bytes ?? []
                found.append((String(decoding: tag.bytes, as: UTF8.self), step, png))
            }
        }
    }
    XCTAssertEqual(offset, bytes.count, "the file ends with a whole record")
    return found
}

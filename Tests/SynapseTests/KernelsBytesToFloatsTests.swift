import CSynapseKernels
import XCTest

/// `syn_bytes_to_floats` (the data pipeline's pixel conversion) against
/// `Float(byte) * scale` computed in Swift, bit for bit.
final class KernelsBytesToFloatsTests: XCTestCase {
    func testEveryByteAndEveryTailLength() {
        let bytes = (0 ..< 300).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) } + (0 ... 255).map(UInt8.init)
        for scale in [Float(1) / 255, 1, -0.5] {
            for (start, count) in [(0, 0), (0, 1), (3, 7), (1, 8), (5, 9), (0, 17), (2, 31), (0, bytes.count)] {
                var out = [Float](repeating: .nan, count: count + 1)
                bytes.withUnsafeBufferPointer { src in
                    syn_bytes_to_floats(src.baseAddress! + start, &out, count, scale)
                }
                let expected = bytes[start ..< start + count].map { Float($0) * scale }
                XCTAssertEqual(Array(out.prefix(count)).map(\.bitPattern), expected.map(\.bitPattern),
                               "start \(start), count \(count), scale \(scale)")
                XCTAssertTrue(out[count].isNaN, "wrote past the end (count \(count))")
            }
        }
    }
}

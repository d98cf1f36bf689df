import Synapse

/// IDX files, raw or gzip-compressed, and the labelled images made from them.
final class IDXHarness: FuzzHarness {
    let name = "idx"

    func run(_ bytes: [UInt8]) -> String {
        outcome {
            let file = try IDXFile(bytes: bytes, fileName: "fuzz.idx")
            if file.elementCount <= 1 << 20 { _ = file.floatValues() }
            guard file.dataType == .uint8, file.dimensions.count == 3 else { return }
            // The same count of labels, all zero, so the images go through LabeledImages too.
            let count = file.dimensions[0]
            guard count <= 1 << 16 else { return }
            let labelBytes: [UInt8] = [0, 0, 8, 1] + withUnsafeBytes(of: UInt32(count).bigEndian, Array.init)
                + [UInt8](repeating: 0, count: count)
            let labels = try IDXFile(bytes: labelBytes, fileName: "labels.idx")
            _ = try LabeledImages(images: file, imagesName: "fuzz.idx", labels: labels, labelsName: "labels.idx", classCount: 10)
        }
    }
}

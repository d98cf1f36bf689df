import Synapse

/// PNG or PGM images.
final class ImageHarness: FuzzHarness {
    /// The image formats fuzzed.
    enum Format: String {
        case png, pgm
    }

    let format: Format
    var name: String { format.rawValue }

    init(format: Format) { self.format = format }

    func run(_ bytes: [UInt8]) -> String {
        outcome {
            switch format {
            case .png: _ = try PNGImage.decode(bytes, file: "fuzz.png")
            case .pgm: _ = try PGMImage.decode(bytes, file: "fuzz.pgm")
            }
        }
    }
}

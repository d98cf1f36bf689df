import Foundation

/// An 8-bit greyscale image (0 black … 255 white), row-major, as MNIST's
/// images are. `GreyscaleImage(contentsOf:)` reads PGM (P2/P5) and PNG
/// files; colour PNGs are converted to grey.
///
/// ```swift
/// let image = try GreyscaleImage(contentsOf: URL(fileURLWithPath: "digit.png"))
/// let x = image.tensor().reshaped(to: [1, 28, 28])   // pixels in [0, 1]
/// ```
public struct GreyscaleImage: Equatable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// `height × width` pixels, row by row.
    public let pixels: [UInt8]

    /// The most pixels a decoded file may have: 2²⁶ (e.g. 8192 × 8192), far
    /// more than a classifier's input, and little enough that no image file
    /// makes the decoders allocate more than a few hundred megabytes.
    public static let maximumPixelCount = 1 << 26

    /// Whether `width × height` is a size the decoders accept: both positive
    /// and at most `maximumPixelCount` pixels (checked without overflow).
    static func isAcceptedSize(width: Int, height: Int) -> Bool {
        guard width > 0, height > 0, width <= maximumPixelCount, height <= maximumPixelCount else { return false }
        return width * height <= maximumPixelCount
    }

    /// An image of `pixels`, which must hold `width × height` values.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height,
                     "GreyscaleImage: \(pixels.count) pixels do not make a \(width)×\(height) image")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Decodes `bytes` as PGM or PNG, chosen by their first bytes; `file`
    /// names the source in errors.
    public init(decoding bytes: [UInt8], file: String) throws {
        if PNGImage.hasSignature(bytes) {
            self = try PNGImage.decode(bytes, file: file)
        } else if PGMImage.hasSignature(bytes) {
            self = try PGMImage.decode(bytes, file: file)
        } else {
            throw ImageDecodingError.unrecognizedFormat(file: file)
        }
    }

    /// Reads and decodes the PGM or PNG file at `url`.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImageDecodingError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        try self.init(decoding: [UInt8](data), file: url.path)
    }

    /// The pixels as floats in [0, 1], shape `[height, width]`, scaled
    /// exactly as the datasets' batches are (times 1/255).
    public func tensor() -> Tensor {
        let scale: Float = 1 / 255
        return Tensor(shape: [height, width], scalars: pixels.map { Float($0) * scale })
    }
}

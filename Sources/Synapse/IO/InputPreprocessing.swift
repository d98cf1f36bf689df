import Foundation

/// How images became the model's input values: each 8-bit pixel `p` becomes
/// `p × scale + offset`, and an image of `imageShape` is reshaped to the
/// model's input shape.
public struct InputPreprocessing: Codable, Equatable, Sendable {
    /// The images' shape before reshaping, e.g. `[28, 28]` (height, width).
    public var imageShape: [Int]
    /// The factor each pixel value is multiplied by.
    public var scale: Double
    /// The value added after scaling.
    public var offset: Double

    /// Records a preprocessing.
    public init(imageShape: [Int], scale: Double, offset: Double = 0) {
        self.imageShape = imageShape
        self.scale = scale
        self.offset = offset
    }

    /// Pixels divided by 255 into [0, 1], as Synapse's datasets and image
    /// readers give them.
    public static func unitInterval(imageShape: [Int]) -> InputPreprocessing {
        InputPreprocessing(imageShape: imageShape, scale: 1.0 / 255.0)
    }

    /// Whether `other` gives the same input values (scales equal to 1e-9).
    public func isEquivalent(to other: InputPreprocessing) -> Bool {
        imageShape == other.imageShape && abs(scale - other.scale) <= 1e-9 && abs(offset - other.offset) <= 1e-9
    }
}

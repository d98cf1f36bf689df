/// Repeats each pixel `size.height` times down and `size.width` times across
/// (Keras's `UpSampling2D` with nearest-neighbour interpolation).
public final class UpSampling2D: Layer {
    /// The up-sampling factors.
    public let size: Size2D

    /// An up-sampling layer (default factor 2 on both axes).
    public init(size: Size2D = 2) {
        precondition(size.isPositive, "UpSampling2D: size \(size) must be positive")
        self.size = size
        super.init()
        useDefaultName("up_sampling2d")
    }

    /// The enlarged image shape.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        let image = try imageDimensions(inputShape, layer: name)
        return [image.height * size.height, image.width * size.width, image.channels]
    }

    /// The up-sampled batch.
    public override func call(_ input: Tensor) -> Tensor { input.upsampledNearest2D(size: size) }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["size": .ints(size.list), "interpolation": .string("nearest")]
    }
}

/// The mean of each channel over all pixels (Keras's `GlobalAveragePooling2D`):
/// `[batch, height, width, channels] → [batch, channels]`.
public final class GlobalAveragePool2D: Layer {
    /// A global average-pooling layer.
    public override init() {
        super.init()
        useDefaultName("global_average_pooling2d")
    }

    /// `[channels]`; throws for inputs that are not images.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        [try imageDimensions(inputShape, layer: name).channels]
    }

    /// The per-channel means.
    public override func call(_ input: Tensor) -> Tensor {
        precondition(input.rank == 4, "GlobalAveragePool2D '\(name)': expected [batch, height, width, channels], got \(input.shape)")
        return input.mean(alongAxes: [1, 2])
    }
}

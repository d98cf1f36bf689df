/// Average pooling over channels-last images (Keras's `AveragePooling2D`).
/// With `same` padding, border windows average only their in-image pixels.
public final class AveragePool2D: Pooling2D {
    /// An average-pooling layer; `strides` defaults to `poolSize`.
    public init(poolSize: Size2D = 2, strides: Size2D? = nil, padding: Padding = .valid) {
        super.init(window: poolSize, strides: strides, padding: padding)
        useDefaultName("average_pooling2d")
    }

    /// The mean of each window.
    public override func call(_ input: Tensor) -> Tensor {
        input.averagePool2D(poolSize: poolSize, strides: strides, padding: padding)
    }
}

/// Max pooling over channels-last images (Keras's `MaxPooling2D`).
///
/// ```swift
/// let pool = MaxPool2D(poolSize: 2)   // [batch, 26, 26, 32] → [batch, 13, 13, 32]
/// ```
public final class MaxPool2D: Pooling2D {
    /// A max-pooling layer; `strides` defaults to `poolSize`.
    public init(poolSize: Size2D = 2, strides: Size2D? = nil, padding: Padding = .valid) {
        super.init(window: poolSize, strides: strides, padding: padding)
        useDefaultName("max_pooling2d")
    }

    /// The maximum of each window.
    public override func call(_ input: Tensor) -> Tensor {
        input.maxPool2D(poolSize: poolSize, strides: strides, padding: padding)
    }
}

/// Adds rows and columns of zeros around each image (Keras's `ZeroPadding2D`).
public final class ZeroPadding2D: Layer {
    /// Zero rows added above and below.
    public let top: Int, bottom: Int
    /// Zero columns added left and right.
    public let left: Int, right: Int

    /// Padding of `padding.height` rows above and below and `padding.width`
    /// columns on each side (default 1).
    public convenience init(padding: Size2D = 1) {
        self.init(top: padding.height, bottom: padding.height, left: padding.width, right: padding.width)
    }

    /// Padding given per side.
    public init(top: Int, bottom: Int, left: Int, right: Int) {
        precondition(top >= 0 && bottom >= 0 && left >= 0 && right >= 0,
                     "ZeroPadding2D: padding must not be negative, got top \(top) bottom \(bottom) left \(left) right \(right)")
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
        super.init()
        useDefaultName("zero_padding2d")
    }

    /// The padded image shape.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        let image = try imageDimensions(inputShape, layer: name)
        return [image.height + top + bottom, image.width + left + right, image.channels]
    }

    /// The padded batch.
    public override func call(_ input: Tensor) -> Tensor {
        input.zeroPadded2D(top: top, bottom: bottom, left: left, right: right)
    }

    /// The constructor arguments: `padding` as `[top, bottom, left, right]`.
    public override var configuration: [String: ConfigurationValue] {
        ["padding": .ints([top, bottom, left, right])]
    }
}

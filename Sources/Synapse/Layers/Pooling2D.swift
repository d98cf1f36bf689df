/// What the pooling layers share: the window, its step and the padding,
/// and shape inference that rejects windows larger than a `valid` input.
public class Pooling2D: Layer {
    /// The window size.
    public let poolSize: Size2D
    /// The window step (Keras's default: the pool size).
    public let strides: Size2D
    /// How the border is treated.
    public let padding: Padding

    init(window poolSize: Size2D, strides: Size2D?, padding: Padding) {
        precondition(poolSize.isPositive && (strides?.isPositive ?? true),
                     "\(Self.self): poolSize \(poolSize) and strides \(strides ?? poolSize) must be positive")
        self.poolSize = poolSize
        self.strides = strides ?? poolSize
        self.padding = padding
        super.init()
    }

    /// Checks that the window fits.
    public override func build(inputShape: [Int]) throws {
        _ = try outputShape(forInputShape: inputShape)
    }

    /// `[outHeight, outWidth, channels]`; throws when the window does not fit.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        let geometry = try windowGeometry(for: inputShape, layer: name, kernel: poolSize, strides: strides,
                                          dilation: 1, padding: padding)
        return [geometry.outputHeight, geometry.outputWidth, inputShape[2]]
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["pool_size": .ints(poolSize.list), "strides": .ints(strides.list), "padding": .string(padding.rawValue)]
    }
}

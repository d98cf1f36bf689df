/// Max pooling over `[batch, steps, channels]` sequences (Keras's
/// `MaxPooling1D`).
///
/// ```swift
/// let pool = MaxPool1D(poolSize: 2)   // [batch, 100, 16] → [batch, 50, 16]
/// ```
public final class MaxPool1D: Layer {
    /// The window length, in steps.
    public let poolSize: Int
    /// The window step (Keras's default: the pool size).
    public let strides: Int
    /// How the sequence ends are treated.
    public let padding: Padding

    /// A max-pooling layer; `strides` defaults to `poolSize`.
    public init(poolSize: Int = 2, strides: Int? = nil, padding: Padding = .valid) {
        precondition(poolSize > 0 && (strides ?? 1) > 0,
                     "MaxPool1D: poolSize \(poolSize) and strides \(strides ?? poolSize) must be positive")
        self.poolSize = poolSize
        self.strides = strides ?? poolSize
        self.padding = padding
        super.init()
        useDefaultName("max_pooling1d")
    }

    /// Checks that the window fits.
    public override func build(inputShape: [Int]) throws {
        _ = try outputShape(forInputShape: inputShape)
    }

    /// `[outSteps, channels]`; throws when the window does not fit.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        let window = try sequenceWindow(for: inputShape, layer: name, kernel: poolSize, stride: strides, dilation: 1,
                                        padding: padding == .valid ? .valid : .same)
        return [window.outputSteps, inputShape[1]]
    }

    /// The maximum of each window.
    public override func call(_ input: Tensor) -> Tensor {
        input.maxPool1D(poolSize: poolSize, stride: strides, padding: padding)
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["pool_size": .ints([poolSize]), "strides": .ints([strides]), "padding": .string(padding.rawValue)]
    }
}

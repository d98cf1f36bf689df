/// A 2-D convolution layer over channels-last images (Keras's `Conv2D`):
/// `activation(conv(x, kernel) + bias)`.
///
/// The number of input channels is inferred on the first call:
/// ```swift
/// let conv = Conv2D(32, kernelSize: 3, activation: .relu)
/// let y = conv(images)   // [batch, 28, 28, 1] → [batch, 26, 26, 32]
/// ```
/// A ReLU activation is fused into the convolution's output pass.
public final class Conv2D: Layer {
    /// The number of filters (output channels).
    public let filters: Int
    /// The window size.
    public let kernelSize: Size2D
    /// The window step.
    public let strides: Size2D
    /// How the border is treated.
    public let padding: Padding
    /// The spacing between kernel taps (1 for an ordinary convolution).
    public let dilation: Size2D
    /// The function applied to the output.
    public let activation: Activation
    /// Whether the layer adds a bias.
    public let useBias: Bool
    /// How the kernel is initialised.
    public let kernelInitializer: Initializer
    /// How the bias is initialised.
    public let biasInitializer: Initializer
    /// The filters, `[kh, kw, inputChannels, filters]`; nil until built.
    public private(set) var kernel: Parameter?
    /// The bias, `[filters]`; nil until built or when `useBias` is false.
    public private(set) var bias: Parameter?

    /// A convolution with `filters` filters of `kernelSize`.
    public init(_ filters: Int, kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid,
                dilation: Size2D = 1, activation: Activation = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(filters > 0, "Conv2D: filters must be positive, got \(filters)")
        precondition(kernelSize.isPositive && strides.isPositive && dilation.isPositive,
                     "Conv2D: kernelSize \(kernelSize), strides \(strides) and dilation \(dilation) must be positive")
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.dilation = dilation
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        super.init()
        useDefaultName("conv2d")
    }

    /// Makes the kernel for images with `inputShape[2]` channels.
    public override func build(inputShape: [Int]) throws {
        let image = try imageDimensions(inputShape, layer: name)
        _ = try outputShape(forInputShape: inputShape)
        kernel = Parameter(kernelInitializer([kernelSize.height, kernelSize.width, image.channels, filters]))
        if useBias { bias = Parameter(biasInitializer([filters])) }
    }

    /// `[outHeight, outWidth, filters]`; throws when the window does not fit.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        let geometry = try windowGeometry(for: inputShape, layer: name, kernel: kernelSize, strides: strides,
                                          dilation: dilation, padding: padding)
        try checkChannels(inputShape, expected: kernel?.shape[2], layer: name)
        return [geometry.outputHeight, geometry.outputWidth, filters]
    }

    /// The convolution, bias and activation.
    public override func call(_ input: Tensor) -> Tensor {
        guard let kernel else { preconditionFailure("Conv2D '\(name)': called before it was built") }
        let fusesReLU = activation.name == Activation.relu.name
        let output = input.conv2D(kernel.value, bias: bias?.value, strides: strides, padding: padding,
                                  dilation: dilation, appliesReLU: fusesReLU)
        return fusesReLU ? output : activation(output)
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["filters": .int(filters), "kernel_size": .ints(kernelSize.list), "strides": .ints(strides.list),
         "padding": .string(padding.rawValue), "dilation_rate": .ints(dilation.list),
         "activation": .string(activation.name), "use_bias": .bool(useBias),
         "kernel_initializer": .string(kernelInitializer.name), "bias_initializer": .string(biasInitializer.name)]
    }
}

/// Throws when a built layer sees images with a different channel count.
func checkChannels(_ inputShape: [Int], expected: Int?, layer: String) throws {
    guard let expected, inputShape.count == 3, inputShape[2] != expected else { return }
    throw LayerError.incompatibleInput(
        layer: layer, inputShape: inputShape,
        reason: "expected \(expected) channels on the last axis (the layer was built for them)")
}

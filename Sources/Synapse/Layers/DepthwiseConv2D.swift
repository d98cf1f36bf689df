/// A depthwise 2-D convolution (Keras's `DepthwiseConv2D`): every input
/// channel is convolved with its own `depthMultiplier` filters, so the
/// output has `channels · depthMultiplier` channels.
public final class DepthwiseConv2D: Layer {
    /// The window size.
    public let kernelSize: Size2D
    /// The window step.
    public let strides: Size2D
    /// How the border is treated.
    public let padding: Padding
    /// Filters per input channel.
    public let depthMultiplier: Int
    /// The spacing between kernel taps.
    public let dilation: Size2D
    /// The function applied to the output.
    public let activation: Activation
    /// Whether the layer adds a bias.
    public let useBias: Bool
    /// How the kernel is initialised.
    public let kernelInitializer: Initializer
    /// How the bias is initialised.
    public let biasInitializer: Initializer
    /// The filters, `[kh, kw, inputChannels, depthMultiplier]`; nil until built.
    public private(set) var kernel: Parameter?
    /// The bias, `[inputChannels · depthMultiplier]`; nil until built or without bias.
    public private(set) var bias: Parameter?

    /// A depthwise convolution with windows of `kernelSize`.
    public init(kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid, depthMultiplier: Int = 1,
                dilation: Size2D = 1, activation: Activation = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(depthMultiplier > 0, "DepthwiseConv2D: depthMultiplier must be positive, got \(depthMultiplier)")
        precondition(kernelSize.isPositive && strides.isPositive && dilation.isPositive,
                     "DepthwiseConv2D: kernelSize \(kernelSize), strides \(strides) and dilation \(dilation) must be positive")
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.depthMultiplier = depthMultiplier
        self.dilation = dilation
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        super.init()
        useDefaultName("depthwise_conv2d")
    }

    /// Makes the kernel for images with `inputShape[2]` channels.
    public override func build(inputShape: [Int]) throws {
        let image = try imageDimensions(inputShape, layer: name)
        _ = try outputShape(forInputShape: inputShape)
        kernel = Parameter(kernelInitializer([kernelSize.height, kernelSize.width, image.channels, depthMultiplier]))
        if useBias { bias = Parameter(biasInitializer([image.channels * depthMultiplier])) }
    }

    /// `[outHeight, outWidth, channels · depthMultiplier]`; throws when the window does not fit.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        let geometry = try windowGeometry(for: inputShape, layer: name, kernel: kernelSize, strides: strides,
                                          dilation: dilation, padding: padding)
        try checkChannels(inputShape, expected: kernel?.shape[2], layer: name)
        return [geometry.outputHeight, geometry.outputWidth, inputShape[2] * depthMultiplier]
    }

    /// The depthwise convolution, bias and activation.
    public override func call(_ input: Tensor) -> Tensor {
        guard let kernel else { preconditionFailure("DepthwiseConv2D '\(name)': called before it was built") }
        return activation(input.depthwiseConv2D(kernel.value, bias: bias?.value, strides: strides,
                                                padding: padding, dilation: dilation))
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["kernel_size": .ints(kernelSize.list), "strides": .ints(strides.list), "padding": .string(padding.rawValue),
         "depth_multiplier": .int(depthMultiplier), "dilation_rate": .ints(dilation.list),
         "activation": .string(activation.name), "use_bias": .bool(useBias),
         "depthwise_initializer": .string(kernelInitializer.name), "bias_initializer": .string(biasInitializer.name)]
    }
}

/// A transposed 2-D convolution (Keras's `Conv2DTranspose`, sometimes called
/// deconvolution): each input pixel spreads a `kernelSize` window over an
/// output `strides` times larger, for decoders and up-sampling.
public final class Conv2DTranspose: Layer {
    /// The number of filters (output channels).
    public let filters: Int
    /// The window size.
    public let kernelSize: Size2D
    /// The up-sampling step.
    public let strides: Size2D
    /// How the border is treated (`same`: output = input · strides).
    public let padding: Padding
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
    /// The filters, `[kh, kw, filters, inputChannels]` (Keras's layout); nil until built.
    public private(set) var kernel: Parameter?
    /// The bias, `[filters]`; nil until built or when `useBias` is false.
    public private(set) var bias: Parameter?

    /// A transposed convolution with `filters` filters of `kernelSize`.
    public init(_ filters: Int, kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid,
                dilation: Size2D = 1, activation: Activation = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(filters > 0, "Conv2DTranspose: filters must be positive, got \(filters)")
        precondition(kernelSize.isPositive && strides.isPositive && dilation.isPositive,
                     "Conv2DTranspose: kernelSize \(kernelSize), strides \(strides) and dilation \(dilation) must be positive")
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
        useDefaultName("conv2d_transpose")
    }

    /// Makes the kernel for images with `inputShape[2]` channels.
    public override func build(inputShape: [Int]) throws {
        let image = try imageDimensions(inputShape, layer: name)
        kernel = Parameter(kernelInitializer([kernelSize.height, kernelSize.width, filters, image.channels]))
        if useBias { bias = Parameter(biasInitializer([filters])) }
    }

    /// `[outHeight, outWidth, filters]` by Keras's `deconv_output_length`.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        let image = try imageDimensions(inputShape, layer: name)
        try checkChannels(inputShape, expected: kernel?.shape[3], layer: name)
        let height = WindowGeometry.transposedOutputLength(input: image.height, kernel: kernelSize.height,
                                                           stride: strides.height, dilation: dilation.height, padding: padding)
        let width = WindowGeometry.transposedOutputLength(input: image.width, kernel: kernelSize.width,
                                                          stride: strides.width, dilation: dilation.width, padding: padding)
        return [height, width, filters]
    }

    /// The transposed convolution, bias and activation.
    public override func call(_ input: Tensor) -> Tensor {
        guard let kernel else { preconditionFailure("Conv2DTranspose '\(name)': called before it was built") }
        return activation(input.conv2DTranspose(kernel.value, bias: bias?.value, strides: strides,
                                                padding: padding, dilation: dilation))
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["filters": .int(filters), "kernel_size": .ints(kernelSize.list), "strides": .ints(strides.list),
         "padding": .string(padding.rawValue), "dilation_rate": .ints(dilation.list),
         "activation": .string(activation.name), "use_bias": .bool(useBias),
         "kernel_initializer": .string(kernelInitializer.name), "bias_initializer": .string(biasInitializer.name)]
    }
}

/// A transposed 2-D convolution (Keras's `Conv2DTranspose`, sometimes called
/// deconvolution): each input pixel spreads a `kernelSize` window over an
/// output `strides` times larger, for decoders and up-sampling.
public final class Conv2DTranspose: WindowedConvolution {
    /// The number of filters (output channels).
    public let filters: Int

    /// A transposed convolution with `filters` filters of `kernelSize`; the
    /// kernel is `[kh, kw, filters, inputChannels]` (Keras's layout), the bias
    /// `[filters]`. With `same` padding the output is the input · strides.
    public init(_ filters: Int, kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid,
                dilation: Size2D = 1, activation: Activation = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(filters > 0, "Conv2DTranspose: filters must be positive, got \(filters)")
        self.filters = filters
        super.init(typeName: "Conv2DTranspose", kerasName: "conv2d_transpose", kernelSize: kernelSize,
                   strides: strides, padding: padding, dilation: dilation, activation: activation,
                   useBias: useBias, kernelInitializer: kernelInitializer, biasInitializer: biasInitializer)
    }

    /// Makes the kernel for images with `inputShape[2]` channels.
    public override func build(inputShape: [Int]) throws {
        let image = try imageDimensions(inputShape, layer: name)
        makeParameters(kernelShape: [kernelSize.height, kernelSize.width, filters, image.channels], biasCount: filters)
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
        activation(input.conv2DTranspose(builtKernel.value, bias: bias?.value, strides: strides,
                                                padding: padding, dilation: dilation))
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        windowConfiguration.merging(["filters": .int(filters)]) { $1 }
    }
}

/// A depthwise 2-D convolution (Keras's `DepthwiseConv2D`): every input
/// channel is convolved with its own `depthMultiplier` filters, so the
/// output has `channels · depthMultiplier` channels.
public final class DepthwiseConv2D: WindowedConvolution {
    /// Filters per input channel.
    public let depthMultiplier: Int

    /// A depthwise convolution with windows of `kernelSize`; the kernel is
    /// `[kh, kw, inputChannels, depthMultiplier]`, the bias
    /// `[inputChannels · depthMultiplier]`.
    public init(kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid, depthMultiplier: Int = 1,
                dilation: Size2D = 1, activation: Activation = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(depthMultiplier > 0, "DepthwiseConv2D: depthMultiplier must be positive, got \(depthMultiplier)")
        self.depthMultiplier = depthMultiplier
        super.init(typeName: "DepthwiseConv2D", kerasName: "depthwise_conv2d", kernelSize: kernelSize,
                   strides: strides, padding: padding, dilation: dilation, activation: activation,
                   useBias: useBias, kernelInitializer: kernelInitializer, biasInitializer: biasInitializer)
    }

    /// Makes the kernel for images with `inputShape[2]` channels.
    public override func build(inputShape: [Int]) throws {
        let image = try imageDimensions(inputShape, layer: name)
        _ = try outputShape(forInputShape: inputShape)
        makeParameters(kernelShape: [kernelSize.height, kernelSize.width, image.channels, depthMultiplier],
                       biasCount: image.channels * depthMultiplier)
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
        activation(input.depthwiseConv2D(builtKernel.value, bias: bias?.value, strides: strides,
                                                padding: padding, dilation: dilation))
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        var arguments = windowConfiguration.merging(["depth_multiplier": .int(depthMultiplier)]) { $1 }
        arguments["depthwise_initializer"] = arguments.removeValue(forKey: "kernel_initializer")
        return arguments
    }
}

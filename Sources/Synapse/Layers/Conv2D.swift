/// A 2-D convolution layer over channels-last images (Keras's `Conv2D`):
/// `activation(conv(x, kernel) + bias)`.
///
/// The number of input channels is inferred on the first call:
/// ```swift
/// let conv = Conv2D(32, kernelSize: 3, activation: .relu)
/// let y = conv(images)   // [batch, 28, 28, 1] → [batch, 26, 26, 32]
/// ```
/// A ReLU activation is fused into the convolution's output pass.
public final class Conv2D: WindowedConvolution {
    /// The number of filters (output channels).
    public let filters: Int

    /// A convolution with `filters` filters of `kernelSize`; the kernel is
    /// `[kh, kw, inputChannels, filters]`, the bias `[filters]`.
    public init(_ filters: Int, kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid,
                dilation: Size2D = 1, activation: Activation = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(filters > 0, "Conv2D: filters must be positive, got \(filters)")
        self.filters = filters
        super.init(typeName: "Conv2D", kerasName: "conv2d", kernelSize: kernelSize, strides: strides,
                   padding: padding, dilation: dilation, activation: activation, useBias: useBias,
                   kernelInitializer: kernelInitializer, biasInitializer: biasInitializer)
    }

    /// Makes the kernel for images with `inputShape[2]` channels.
    public override func build(inputShape: [Int]) throws {
        let image = try imageDimensions(inputShape, layer: name)
        _ = try outputShape(forInputShape: inputShape)
        makeParameters(kernelShape: [kernelSize.height, kernelSize.width, image.channels, filters], biasCount: filters)
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
        let kernel = builtKernel
        let fusesReLU = activation.name == Activation.relu.name
        let output = input.conv2D(kernel.value, bias: bias?.value, strides: strides, padding: padding,
                                  dilation: dilation, appliesReLU: fusesReLU)
        return fusesReLU ? output : activation(output)
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        windowConfiguration.merging(["filters": .int(filters)]) { $1 }
    }
}

/// Throws when a built layer sees images with a different channel count.
func checkChannels(_ inputShape: [Int], expected: Int?, layer: String) throws {
    guard let expected, inputShape.count == 3, inputShape[2] != expected else { return }
    throw LayerError.incompatibleInput(
        layer: layer, inputShape: inputShape,
        reason: "expected \(expected) channels on the last axis (the layer was built for them)")
}

/// A 1-D convolution layer over `[batch, steps, channels]` sequences
/// (Keras's `Conv1D`): `activation(conv(x, kernel) + bias)`.
///
/// The number of input channels is inferred on the first call:
/// ```swift
/// let conv = Conv1D(16, kernelSize: 3, padding: .causal, activation: .relu)
/// let y = conv(sequences)   // [batch, 100, 8] → [batch, 100, 16]
/// ```
/// It runs the 2-D convolution's kernels (a sequence is an image one row
/// high), with a ReLU activation fused into the output pass.
public final class Conv1D: Layer {
    /// The number of filters (output channels).
    public let filters: Int
    /// The window length, in steps.
    public let kernelSize: Int
    /// The window step.
    public let strides: Int
    /// How the sequence ends are treated.
    public let padding: Padding1D
    /// The spacing between kernel taps (1 for an ordinary convolution).
    public let dilationRate: Int
    /// The function applied to the output.
    public let activation: Activation
    /// Whether the layer adds a bias.
    public let useBias: Bool
    /// How the kernel is initialised.
    public let kernelInitializer: Initializer
    /// How the bias is initialised.
    public let biasInitializer: Initializer
    /// The filters, `[kernelSize, inputChannels, filters]`; nil until built.
    public private(set) var kernel: Parameter?
    /// The bias, `[filters]`; nil until built or when `useBias` is false.
    public private(set) var bias: Parameter?

    /// A convolution with `filters` filters `kernelSize` steps long.
    public init(_ filters: Int, kernelSize: Int, strides: Int = 1, padding: Padding1D = .valid,
                dilationRate: Int = 1, activation: Activation = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(filters > 0 && kernelSize > 0 && strides > 0 && dilationRate > 0,
                     "Conv1D: filters \(filters), kernelSize \(kernelSize), strides \(strides) and dilationRate \(dilationRate) must be positive")
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.dilationRate = dilationRate
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        super.init()
        useDefaultName("conv1d")
    }

    /// Makes the kernel for sequences with `inputShape[1]` channels.
    public override func build(inputShape: [Int]) throws {
        let sequence = try sequenceDimensions(inputShape, layer: name)
        _ = try outputShape(forInputShape: inputShape)
        kernel = Parameter(kernelInitializer([kernelSize, sequence.channels, filters]))
        if useBias { bias = Parameter(biasInitializer([filters])) }
    }

    /// `[outSteps, filters]`; throws when the window does not fit or the
    /// channels differ from those the layer was built for.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        let window = try sequenceWindow(for: inputShape, layer: name, kernel: kernelSize, stride: strides,
                                        dilation: dilationRate, padding: padding)
        if let expected = kernel?.shape[1], inputShape[1] != expected {
            throw LayerError.incompatibleInput(
                layer: name, inputShape: inputShape,
                reason: "expected \(expected) channels on the last axis (the layer was built for them)")
        }
        return [window.outputSteps, filters]
    }

    /// The convolution, bias and activation.
    public override func call(_ input: Tensor) -> Tensor {
        guard let kernel else { preconditionFailure("Conv1D '\(name)': called before it was built") }
        let fusesReLU = activation.name == Activation.relu.name
        let output = input.conv1D(kernel.value, bias: bias?.value, stride: strides, padding: padding,
                                  dilation: dilationRate, appliesReLU: fusesReLU)
        return fusesReLU ? output : activation(output)
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["filters": .int(filters), "kernel_size": .ints([kernelSize]), "strides": .ints([strides]),
         "padding": .string(padding.rawValue), "dilation_rate": .ints([dilationRate]),
         "activation": .string(activation.name), "use_bias": .bool(useBias),
         "kernel_initializer": .string(kernelInitializer.name), "bias_initializer": .string(biasInitializer.name)]
    }
}

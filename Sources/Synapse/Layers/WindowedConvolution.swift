/// What Conv2D, Conv2DTranspose and DepthwiseConv2D share: a sliding window
/// (size, strides, padding, dilation), an activation, an optional bias, the
/// initializers, and the kernel and bias parameters made when built.
/// Not meant for subclassing outside Synapse.
public class WindowedConvolution: Layer {
    /// The window size.
    public let kernelSize: Size2D
    /// The window step (for Conv2DTranspose, the up-sampling step).
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
    /// The filters (layout per layer type); nil until built.
    public internal(set) var kernel: Parameter?
    /// The bias; nil until built or when `useBias` is false.
    public internal(set) var bias: Parameter?

    /// Checks and stores the window settings; `typeName` names the layer in
    /// the messages, and `kerasName` is its default name.
    init(typeName: String, kerasName: String, kernelSize: Size2D, strides: Size2D, padding: Padding,
         dilation: Size2D, activation: Activation, useBias: Bool,
         kernelInitializer: Initializer, biasInitializer: Initializer) {
        precondition(kernelSize.isPositive && strides.isPositive && dilation.isPositive,
                     "\(typeName): kernelSize \(kernelSize), strides \(strides) and dilation \(dilation) must be positive")
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.dilation = dilation
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        super.init()
        useDefaultName(kerasName)
    }

    /// Makes the kernel of `kernelShape` and, if used, a bias of `biasCount`.
    func makeParameters(kernelShape: [Int], biasCount: Int) {
        kernel = Parameter(kernelInitializer(kernelShape))
        if useBias { bias = Parameter(biasInitializer([biasCount])) }
    }

    /// The kernel, or a trap naming the layer when it is used unbuilt.
    var builtKernel: Parameter {
        guard let kernel else { preconditionFailure("\(type(of: self)) '\(name)': called before it was built") }
        return kernel
    }

    /// The window settings with Keras's argument names, for `configuration`.
    var windowConfiguration: [String: ConfigurationValue] {
        ["kernel_size": .ints(kernelSize.list), "strides": .ints(strides.list),
         "padding": .string(padding.rawValue), "dilation_rate": .ints(dilation.list),
         "activation": .string(activation.name), "use_bias": .bool(useBias),
         "kernel_initializer": .string(kernelInitializer.name), "bias_initializer": .string(biasInitializer.name)]
    }
}

/// A fully connected layer: `activation(x · kernel + bias)`, the article's
/// y = f(Σ wᵢxᵢ + b) for a whole layer of neurons at once.
///
/// The input size is inferred on the first call:
/// ```swift
/// let hidden = Dense(128, activation: .relu)
/// let y = hidden(x)   // x: [batch, 784] → y: [batch, 128]
/// ```
/// Inputs of higher rank are transformed along their last axis.
public final class Dense: Layer {
    /// The number of output units.
    public let units: Int
    /// The function applied to the output.
    public let activation: Activation
    /// Whether the layer adds a bias.
    public let useBias: Bool
    /// How the kernel is initialised.
    public let kernelInitializer: Initializer
    /// How the bias is initialised.
    public let biasInitializer: Initializer
    /// The weights, `[inputSize, units]`; nil until built.
    public private(set) var kernel: Parameter?
    /// The bias, `[units]`; nil until built or when `useBias` is false.
    public private(set) var bias: Parameter?

    /// A layer of `units` neurons.
    public init(_ units: Int, activation: Activation = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(units > 0, "Dense: units must be positive, got \(units)")
        self.units = units
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        super.init()
    }

    /// Makes the kernel for inputs whose last axis has `inputShape.last` features.
    public override func build(inputShape: [Int]) throws {
        guard let features = inputShape.last, features > 0 else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShape,
                                               reason: "Dense needs at least one feature axis; add Flatten() before it")
        }
        kernel = Parameter(kernelInitializer([features, units]))
        if useBias { bias = Parameter(biasInitializer([units])) }
    }

    /// The input shape with its last axis replaced by `units`.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        guard let features = inputShape.last, features == kernel?.shape[0] else {
            throw LayerError.incompatibleInput(
                layer: name, inputShape: inputShape,
                reason: "expected \(kernel?.shape[0] ?? 0) features on the last axis (the layer was built for them)")
        }
        return Array(inputShape.dropLast()) + [units]
    }

    /// `activation(x · kernel + bias)`.
    public override func call(_ input: Tensor) -> Tensor {
        guard let kernel else { preconditionFailure("Dense '\(name)': called before it was built") }
        precondition(input.shape.last == kernel.shape[0],
                     "Dense '\(name)': input \(input.shape) has \(input.shape.last ?? 0) features, but the layer was built for \(kernel.shape[0])")
        let rows = input.rank == 2 ? input : input.reshaped(to: [-1, kernel.shape[0]])
        let fusion = activation.fusion
        var output = Tensor.linear(rows, weight: kernel.value, bias: bias?.value, relu: fusion == .relu)
        if input.rank != 2 { output = output.reshaped(to: Array(input.shape.dropLast()) + [units]) }
        return fusion == nil ? activation(output) : output
    }

    /// The constructor arguments.
    public override var configuration: [String: ConfigurationValue] {
        ["units": .int(units), "activation": .string(activation.name), "use_bias": .bool(useBias),
         "kernel_initializer": .string(kernelInitializer.name), "bias_initializer": .string(biasInitializer.name)]
    }
}

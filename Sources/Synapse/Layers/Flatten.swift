/// Flattens each example to one axis: `[batch, a, b, …] → [batch, a·b·…]`,
/// in row-major (channels-last) order, as Keras does.
public final class Flatten: Layer {
    /// A flatten layer.
    public override init() { super.init() }

    /// The product of the input's axes.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        [inputShape.reduce(1, *)]
    }

    /// The flattened batch.
    public override func call(_ input: Tensor) -> Tensor { input.flattenedBatch() }
}

/// Reshapes each example to `targetShape` (batch axis kept); one entry may be -1.
public final class Reshape: Layer {
    /// The per-example shape to produce.
    public let targetShape: [Int]

    /// A layer that reshapes examples to `targetShape`.
    public init(_ targetShape: [Int]) {
        self.targetShape = targetShape
        super.init()
    }

    /// `targetShape`, with -1 resolved; throws when the sizes don't match.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        let total = inputShape.reduce(1, *)
        var resolved = targetShape
        if let unknown = targetShape.firstIndex(of: -1) {
            let known = targetShape.filter { $0 != -1 }.reduce(1, *)
            if known > 0 && total % known == 0 { resolved[unknown] = total / known }
        }
        guard resolved.reduce(1, *) == total, !resolved.contains(-1) else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShape,
                                               reason: "\(total) values cannot be reshaped to \(targetShape)")
        }
        return resolved
    }

    /// The reshaped batch.
    public override func call(_ input: Tensor) -> Tensor {
        input.reshaped(to: [input.shape.first ?? 1] + targetShape)
    }

    /// The constructor arguments.
    public override var configuration: [String: ConfigurationValue] { ["target_shape": .ints(targetShape)] }
}

/// Applies an activation function as a layer of its own.
public final class ActivationLayer: Layer {
    /// The function applied.
    public let activation: Activation

    /// A layer applying `activation`.
    public init(_ activation: Activation) {
        self.activation = activation
        super.init()
    }

    /// The same shape as the input.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] { inputShape }

    /// `activation(input)`.
    public override func call(_ input: Tensor) -> Tensor { activation(input) }

    /// The constructor arguments.
    public override var configuration: [String: ConfigurationValue] { ["activation": .string(activation.name)] }
}

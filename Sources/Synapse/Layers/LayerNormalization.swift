/// Layer normalisation over the last axis (Keras's `LayerNormalization`):
/// each example's features are normalised with their own mean and variance,
/// then scaled by γ and shifted by β (one per feature). The same in
/// training and inference.
public final class LayerNormalization: Layer {
    /// Added to the variance before the square root.
    public let epsilon: Float
    /// The learned per-feature scale γ (starts at 1); nil until built.
    public private(set) var gamma: Parameter?
    /// The learned per-feature offset β (starts at 0); nil until built.
    public private(set) var beta: Parameter?

    /// A layer-normalisation layer with Keras's default epsilon.
    public init(epsilon: Float = 1e-3) {
        precondition(epsilon > 0, "LayerNormalization: epsilon must be positive, got \(epsilon)")
        self.epsilon = epsilon
        super.init()
        useDefaultName("layer_normalization")
    }

    /// Makes γ and β for `inputShape.last` features.
    public override func build(inputShape: [Int]) throws {
        guard let features = inputShape.last, features > 0 else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShape,
                                               reason: "LayerNormalization needs a non-empty last (feature) axis")
        }
        gamma = Parameter(Tensor.ones([features]))
        beta = Parameter(Tensor.zeros([features]))
    }

    /// The input shape; throws when the feature count differs from the built one.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        guard let features = inputShape.last, features == gamma?.shape[0] else {
            throw LayerError.incompatibleInput(
                layer: name, inputShape: inputShape,
                reason: "expected \(gamma?.shape[0] ?? 0) features on the last axis (the layer was built for them)")
        }
        return inputShape
    }

    /// The normalised input.
    public override func call(_ input: Tensor) -> Tensor {
        guard let gamma, let beta else { preconditionFailure("LayerNormalization '\(name)': called before it was built") }
        return input.layerNormalized(gamma: gamma.value, beta: beta.value, epsilon: epsilon)
    }

    /// Each example's features brought to mean 0 and variance 1 (before γ and β).
    func normalized(_ input: Tensor) -> Tensor {
        let mean = input.mean(alongAxis: -1, keepingDimensions: true)
        let centered = input - mean
        let variance = centered.squared().mean(alongAxis: -1, keepingDimensions: true)
        return centered / (variance + epsilon).sqrt()
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] { ["epsilon": .double(Double(epsilon))] }
}

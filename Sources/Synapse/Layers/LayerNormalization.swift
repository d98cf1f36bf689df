/// Layer normalisation over the last axis (Keras's `LayerNormalization`):
/// each example's features are normalised with their own mean and variance,
/// then scaled by γ and shifted by β (one per feature). The same in
/// training and inference. As in Keras, `center: false` leaves out β and
/// `scale: false` leaves out γ (nanoGPT's `bias=False` is `center: false`).
public final class LayerNormalization: Layer {
    /// Added to the variance before the square root.
    public let epsilon: Float
    /// Whether the layer learns the offset β.
    public let center: Bool
    /// Whether the layer learns the scale γ.
    public let scale: Bool
    /// The learned per-feature scale γ (starts at 1); nil until built, or when `scale` is false.
    public private(set) var gamma: Parameter?
    /// The learned per-feature offset β (starts at 0); nil until built, or when `center` is false.
    public private(set) var beta: Parameter?
    /// The number of features the layer was built for.
    private var features: Int?

    /// A layer-normalisation layer with Keras's default epsilon, learning β
    /// when `center` and γ when `scale`.
    public init(epsilon: Float = 1e-3, center: Bool = true, scale: Bool = true) {
        precondition(epsilon > 0, "LayerNormalization: epsilon must be positive, got \(epsilon)")
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        super.init()
        useDefaultName("layer_normalization")
    }

    /// Makes γ and β for `inputShape.last` features.
    public override func build(inputShape: [Int]) throws {
        guard let features = inputShape.last, features > 0 else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShape,
                                               reason: "LayerNormalization needs a non-empty last (feature) axis")
        }
        self.features = features
        gamma = scale ? Parameter(Tensor.ones([features])) : nil
        beta = center ? Parameter(Tensor.zeros([features])) : nil
    }

    /// The input shape; throws when the feature count differs from the built one.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        guard let features = inputShape.last, features == self.features else {
            throw LayerError.incompatibleInput(
                layer: name, inputShape: inputShape,
                reason: "expected \(self.features ?? 0) features on the last axis (the layer was built for them)")
        }
        return inputShape
    }

    /// The normalised input.
    public override func call(_ input: Tensor) -> Tensor {
        let (gamma, beta) = scaleAndOffsetValues
        return input.layerNormalized(gamma: gamma, beta: beta, epsilon: epsilon)
    }

    /// γ and β as tensors: the learned ones, or ones and zeros for those the
    /// layer does not learn (constants, so no gradient reaches them).
    var scaleAndOffsetValues: (gamma: Tensor, beta: Tensor) {
        guard let features else { preconditionFailure("LayerNormalization '\(name)': called before it was built") }
        return (gamma?.value ?? Tensor.ones([features]), beta?.value ?? Tensor.zeros([features]))
    }

    /// Each example's features brought to mean 0 and variance 1 (before γ and β).
    func normalized(_ input: Tensor) -> Tensor {
        let mean = input.mean(alongAxis: -1, keepingDimensions: true)
        let centered = input - mean
        let variance = centered.squared().mean(alongAxis: -1, keepingDimensions: true)
        return centered / (variance + epsilon).sqrt()
    }

    /// The constructor arguments, with Keras's names.
    /// `center` and `scale` are written only when false, so files from
    /// before they existed read the same.
    public override var configuration: [String: ConfigurationValue] {
        var configuration: [String: ConfigurationValue] = ["epsilon": .double(Double(epsilon))]
        if !center { configuration["center"] = .bool(false) }
        if !scale { configuration["scale"] = .bool(false) }
        return configuration
    }
}

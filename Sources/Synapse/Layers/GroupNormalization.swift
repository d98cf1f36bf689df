/// Group normalisation over the channels (Keras's `GroupNormalization`, Wu
/// and He 2018): the channels of each example are split into `groups`
/// groups, and each group is normalised with its own mean and variance over
/// its channels and all positions, then scaled by γ and shifted by β (one per
/// channel). It never mixes examples, so, unlike BatchNormalization, it
/// works with differentially private training.
///
/// ```swift
/// let normalize = GroupNormalization(groups: 8)   // [batch, 28, 28, 32] → same shape
/// ```
/// With `groups` equal to the channel count it is instance normalisation;
/// with one group it is layer normalisation over all axes but the batch.
public final class GroupNormalization: Layer {
    /// How many groups the channels (last axis) are split into.
    public let groups: Int
    /// Added to the variance before the square root.
    public let epsilon: Float
    /// The learned per-channel scale γ (starts at 1); nil until built.
    public private(set) var gamma: Parameter?
    /// The learned per-channel offset β (starts at 0); nil until built.
    public private(set) var beta: Parameter?

    /// A group-normalisation layer with Keras's defaults (32 groups, epsilon 1e-3).
    public init(groups: Int = 32, epsilon: Float = 1e-3) {
        precondition(groups > 0, "GroupNormalization: groups must be positive, got \(groups)")
        precondition(epsilon > 0, "GroupNormalization: epsilon must be positive, got \(epsilon)")
        self.groups = groups
        self.epsilon = epsilon
        super.init()
        useDefaultName("group_normalization")
    }

    /// Makes γ and β for `inputShape.last` channels, which `groups` must divide.
    public override func build(inputShape: [Int]) throws {
        _ = try outputShape(forInputShape: inputShape)
        let channels = inputShape[inputShape.count - 1]
        gamma = Parameter(Tensor.ones([channels]))
        beta = Parameter(Tensor.zeros([channels]))
    }

    /// The input shape; throws when `groups` does not divide the channels, or
    /// the channel count differs from the built one.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        guard let channels = inputShape.last, channels > 0, channels % groups == 0 else {
            throw LayerError.incompatibleInput(
                layer: name, inputShape: inputShape,
                reason: "GroupNormalization with \(groups) groups needs a channel count (last axis) divisible by \(groups)")
        }
        if let gamma, gamma.shape[0] != channels {
            throw LayerError.incompatibleInput(
                layer: name, inputShape: inputShape,
                reason: "expected \(gamma.shape[0]) channels on the last axis (the layer was built for them)")
        }
        return inputShape
    }

    /// The normalised input, scaled and shifted.
    public override func call(_ input: Tensor) -> Tensor {
        guard let gamma, let beta else { preconditionFailure("GroupNormalization '\(name)': called before it was built") }
        return normalized(input) * gamma.value + beta.value
    }

    /// The input with each example's groups brought to mean 0 and variance 1
    /// (before γ and β).
    func normalized(_ input: Tensor) -> Tensor {
        let channels = input.shape[input.rank - 1]
        precondition(channels % groups == 0,
                     "GroupNormalization '\(name)': input \(input.shape) has \(channels) channels, not divisible by \(groups) groups")
        let grouped = input.reshaped(to: [input.shape[0], -1, groups, channels / groups])
        let mean = grouped.mean(alongAxes: [1, 3], keepingDimensions: true)
        let centered = grouped - mean
        let variance = centered.squared().mean(alongAxes: [1, 3], keepingDimensions: true)
        return (centered / (variance + epsilon).sqrt()).reshaped(to: input.shape)
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["groups": .int(groups), "epsilon": .double(Double(epsilon)), "axis": .int(-1)]
    }
}

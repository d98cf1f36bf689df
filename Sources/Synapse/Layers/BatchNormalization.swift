/// Batch normalisation over the last axis (Keras's `BatchNormalization`).
///
/// In training (`train()`, `fit`) each channel is normalised with the mean
/// and biased variance of the current batch, and the moving statistics are
/// updated as `moving = moving · momentum + batch · (1 − momentum)`. In
/// inference the moving statistics are used instead.
public final class BatchNormalization: Layer {
    /// The weight of the old value in each moving-average update.
    public let momentum: Float
    /// Added to the variance before the square root.
    public let epsilon: Float
    /// The learned per-channel scale γ (starts at 1); nil until built.
    public private(set) var gamma: Parameter?
    /// The learned per-channel offset β (starts at 0); nil until built.
    public private(set) var beta: Parameter?
    /// The moving mean used in inference (not trained by the optimiser).
    public private(set) var movingMean: Parameter?
    /// The moving variance used in inference (not trained by the optimiser).
    public private(set) var movingVariance: Parameter?

    /// A batch-normalisation layer with Keras's defaults.
    public init(momentum: Float = 0.99, epsilon: Float = 1e-3) {
        precondition(momentum >= 0 && momentum <= 1, "BatchNormalization: momentum must be in [0, 1], got \(momentum)")
        precondition(epsilon > 0, "BatchNormalization: epsilon must be positive, got \(epsilon)")
        self.momentum = momentum
        self.epsilon = epsilon
        super.init()
        useDefaultName("batch_normalization")
    }

    /// Makes the four per-channel vectors for `inputShape.last` channels.
    public override func build(inputShape: [Int]) throws {
        guard let channels = inputShape.last, channels > 0 else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShape,
                                               reason: "BatchNormalization needs a non-empty last (channel) axis")
        }
        gamma = Parameter(Tensor.ones([channels]))
        beta = Parameter(Tensor.zeros([channels]))
        movingMean = Parameter(Tensor.zeros([channels]), trainable: false)
        movingVariance = Parameter(Tensor.ones([channels]), trainable: false)
    }

    /// The input shape; throws when the channel count differs from the built one.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        guard let channels = inputShape.last, channels == gamma?.shape[0] else {
            throw LayerError.incompatibleInput(
                layer: name, inputShape: inputShape,
                reason: "expected \(gamma?.shape[0] ?? 0) channels on the last axis (the layer was built for them)")
        }
        return inputShape
    }

    /// The normalised input (batch statistics in training, moving ones otherwise).
    public override func call(_ input: Tensor) -> Tensor {
        guard let gamma, let beta, let movingMean, let movingVariance else {
            preconditionFailure("BatchNormalization '\(name)': called before it was built")
        }
        guard isTraining else {
            let deviation = (movingVariance.value + epsilon).sqrt()
            return (input - movingMean.value) / deviation * gamma.value + beta.value
        }
        let (output, mean, variance) = input.batchNormalized(scale: gamma.value, offset: beta.value, epsilon: epsilon)
        let keep = momentum
        mean.withUnsafeBufferPointer { batchMean in
            movingMean.update { moving in
                for c in moving.indices { moving[c] = moving[c] * keep + batchMean[c] * (1 - keep) }
            }
        }
        variance.withUnsafeBufferPointer { batchVariance in
            movingVariance.update { moving in
                for c in moving.indices { moving[c] = moving[c] * keep + batchVariance[c] * (1 - keep) }
            }
        }
        return output
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["momentum": .double(Double(momentum)), "epsilon": .double(Double(epsilon))]
    }
}

/// What `compile` set: the optimiser, the loss, the metrics and, for private
/// training, the privacy settings.
public struct CompiledSettings {
    /// Updates the parameters.
    public let optimizer: Optimizer
    /// What training minimises.
    public let loss: Loss
    /// What is reported besides the loss.
    public let metrics: [Metric]
    /// Differentially private training (DP-SGD) when set.
    public var privacy: PrivacySettings? = nil
}

extension Model {
    /// Chooses how the model trains, as in Keras:
    /// ```swift
    /// model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
    /// ```
    /// With `privacy`, `fit` trains with DP-SGD around `optimizer` (see `PrivacySettings`).
    public func compile(optimizer: Optimizer, loss: Loss, metrics: [Metric] = [], privacy: PrivacySettings? = nil) {
        compiled = CompiledSettings(optimizer: optimizer, loss: loss, metrics: metrics, privacy: privacy)
    }

    func requireCompiled() throws -> CompiledSettings {
        guard let compiled else { throw LayerError.notCompiled(model: name) }
        return compiled
    }
}

extension Loss {
    /// Sparse categorical cross-entropy on probabilities (Keras's default form).
    public static var sparseCategoricalCrossentropy: Loss { SparseCategoricalCrossentropy() }
    /// Sparse categorical cross-entropy on logits.
    public static var sparseCategoricalCrossentropyFromLogits: Loss { SparseCategoricalCrossentropy(fromLogits: true) }
}

/// What `compile` set: the optimiser, the loss, the metrics and, for private
/// training, the privacy settings.
public struct CompiledSettings {
    /// Updates the parameters.
    public let optimizer: Optimizer
    /// What training minimises.
    public let loss: Loss
    /// What is reported besides the loss.
    public let metrics: [Metric]
    /// One entry per model output, in the order of the model's outputs, when
    /// `compile` was given a loss per output (a list or a dictionary); then
    /// `loss` is the first loss given and `metrics` is empty. `nil` when
    /// one loss serves every output.
    public internal(set) var outputs: [OutputObjective]? = nil
    /// The data-parallel group `fit` trains with, if `distribute(_:)` set one.
    public internal(set) var dataParallel: DataParallel? = nil
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

    /// Makes `fit` train data-parallel over `parallel`'s group (call after
    /// `compile`): rank 0's weights are broadcast at the start, each rank
    /// trains on its share of every global batch (`batchSize` is the global
    /// batch, split evenly among the ranks), gradients are averaged, the
    /// epoch's metrics are reduced over all ranks, and only rank 0 prints
    /// progress and runs the callbacks that write files.
    public func distribute(_ parallel: DataParallel) {
        precondition(compiled != nil, "distribute(_:): compile the model first")
        compiled?.dataParallel = parallel
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

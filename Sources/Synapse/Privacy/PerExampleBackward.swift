/// One forward and backward pass of a batch that keeps, for every layer with
/// parameters, its input and the gradient of the summed per-example losses
/// with respect to its output: everything per-example gradients, their norms
/// and their clipped sums are computed from, without a pass per example.
///
/// ```swift
/// let pass = try model.perExampleBackward(inputs: x, targets: y, loss: SparseCategoricalCrossentropy())
/// let gradients = pass.perExampleGradients()   // each [batch] + parameter shape
/// ```
public struct PerExampleBackward {
    /// The layers' recorded inputs and outputs, in call order.
    let entries: [PerExampleCapture.Entry]
    /// The gradient of Σᵢ lossᵢ with respect to each entry's output.
    let outputGradients: [Tensor]
    /// The batch's mean loss.
    public let loss: Float
    /// The model's output for the batch.
    public let predictions: Tensor
    /// The number of examples.
    public let batchSize: Int

    /// The trainable parameters, layer by layer in call order, in the order
    /// of every gradient list this pass returns.
    public var parameters: [Parameter] { entries.flatMap(\.rule.ruleParameters) }

    /// How many parameters each layer has, in call order (to split `parameters` by layer).
    public var parameterCountsPerLayer: [Int] { entries.map(\.rule.ruleParameters.count) }

    /// Each example's gradient of its own loss, for each parameter:
    /// `[batchSize] + parameter.shape`.
    public func perExampleGradients() -> [Tensor] {
        zip(entries, outputGradients).flatMap { entry, gradient in
            entry.rule.perExampleGradients(input: entry.input, outputGradient: gradient)
        }
    }

    /// Each layer's squared per-example gradient norms, `[layer][example]`;
    /// Dense layers compute theirs without forming the gradients.
    public func squaredNormsPerLayer() -> [[Float]] {
        zip(entries, outputGradients).map { entry, gradient in
            entry.rule.perExampleSquaredNorms(input: entry.input, outputGradient: gradient)
        }
    }

    /// Σᵢ wᵢ · (example i's gradient) for each parameter, with one weight per
    /// example for each layer (`weights[layer][example]`).
    public func weightedGradients(weights: [[Float]]) -> [Tensor] {
        precondition(weights.count == entries.count && weights.allSatisfy { $0.count == batchSize },
                     "weightedGradients: expected \(entries.count) layers × \(batchSize) weights")
        return zip(zip(entries, outputGradients), weights).flatMap { pair, layerWeights in
            pair.0.rule.weightedGradients(input: pair.0.input, outputGradient: pair.1, weights: layerWeights)
        }
    }
}

extension Layer {
    /// Runs `inputs` through this model in training mode and back from
    /// `loss`, keeping what per-example gradients need.
    ///
    /// `loss` must average per-example losses over the batch (every built-in
    /// loss does). Throws `PrivacyError.mixesExamples` for BatchNormalization,
    /// `.unsupportedLayer` for a layer with parameters but no per-example
    /// rule, and `.layerCalledTwice` for a layer reused within the pass.
    public func perExampleBackward(inputs: Tensor, targets: Tensor, loss: Loss) throws -> PerExampleBackward {
        let batch = inputs.shape[0]
        let previousMode = isTraining
        if !previousMode { setTraining(true) }
        defer { if !previousMode { setTraining(false) } }
        let capture = PerExampleCapture()
        let predictions = capture.capturing { self(inputs) }
        if let error = capture.error { throw error }
        let value = loss(predictions: predictions, targets: targets)
        let outputs = capture.entries.map(\.output)
        // The mean loss times the batch size is the sum of the per-example losses.
        let gradients = outputs.isEmpty ? [] : value.gradients(wrt: outputs, seed: Tensor(Float(batch)))
        // Without the outputs' graph, which holds every weight it read: an
        // optimiser step after this pass then updates the weights in place
        // instead of copying each one first.
        let entries = capture.entries.map {
            PerExampleCapture.Entry(rule: $0.rule, input: $0.input, output: $0.output.detached())
        }
        return PerExampleBackward(entries: entries, outputGradients: gradients, loss: value.scalar,
                                  predictions: predictions.detached(), batchSize: batch)
    }
}

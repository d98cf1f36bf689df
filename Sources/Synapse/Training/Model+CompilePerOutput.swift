extension Model {
    /// Chooses how a model with several outputs trains, one loss per output
    /// in the order of the model's outputs, as Keras's
    /// `compile(loss=[…], loss_weights=[…], metrics=[[…], […]])`:
    /// ```swift
    /// try model.compile(optimizer: .sgd(learningRate: 0.1),
    ///                   loss: [.meanSquaredError, .sparseCategoricalCrossentropy],
    ///                   lossWeights: [0.5, 1], metrics: [[], [.accuracy]])
    /// ```
    /// Training minimises the weighted sum of the losses (`loss` in the logs);
    /// each output's own loss and metrics are logged as `<output>_loss` and
    /// `<output>_<metric>`, the output named by the layer that makes it.
    /// (One loss for every output is the plain `compile(optimizer:loss:metrics:)`.)
    ///
    /// - Parameters:
    ///   - optimizer: Updates the weights after each batch.
    ///   - loss: One loss per output, in the order of the outputs.
    ///   - lossWeights: One weight per output; all 1 when `nil`.
    ///   - metrics: One list per output, or none at all.
    /// - Throws: `LayerError.mismatchedData` when a list's length is not the
    ///   number of outputs.
    public func compile(optimizer: Optimizer, loss: [Loss], lossWeights: [Float]? = nil,
                        metrics: [[Metric]] = []) throws {
        let names = outputNames
        try checkCount(loss.count, of: "losses", outputs: names)
        if let lossWeights { try checkCount(lossWeights.count, of: "loss weights", outputs: names) }
        if !metrics.isEmpty { try checkCount(metrics.count, of: "metric lists", outputs: names) }
        let outputs = loss.indices.map { index in
            OutputObjective(loss: loss[index], weight: lossWeights?[index] ?? 1,
                            metrics: metrics.isEmpty ? [] : metrics[index])
        }
        try compile(optimizer: optimizer, outputs: outputs)
    }

    /// Chooses how a model with several outputs trains, with losses, weights
    /// and metrics keyed by output name (the name of the layer that makes the
    /// output), as Keras's `compile(loss={"score": …}, …)`. An output without
    /// a loss is not trained, though its metrics are still reported.
    ///
    /// - Parameters:
    ///   - optimizer: Updates the weights after each batch.
    ///   - loss: The loss of each output that trains, by output name.
    ///   - lossWeights: Weights by output name; 1 for an output not named.
    ///   - metrics: Metrics by output name.
    /// - Throws: `LayerError.mismatchedData` for a key that names no output,
    ///   or when no output has a loss.
    public func compile(optimizer: Optimizer, loss: [String: Loss], lossWeights: [String: Float]? = nil,
                        metrics: [String: [Metric]] = [:]) throws {
        let names = outputNames
        let keys = Array(loss.keys) + Array((lossWeights ?? [:]).keys) + Array(metrics.keys)
        for key in keys.sorted() where !names.contains(key) {
            throw LayerError.mismatchedData(
                "compile: '\(key)' is not an output of model '\(name)'; its outputs are \(names.joined(separator: ", "))")
        }
        let outputs = names.map { output in
            OutputObjective(loss: loss[output], weight: lossWeights?[output] ?? 1, metrics: metrics[output] ?? [])
        }
        try compile(optimizer: optimizer, outputs: outputs)
    }

    /// Compiles with one objective per output, in the order of the outputs.
    func compile(optimizer: Optimizer, outputs: [OutputObjective]) throws {
        try checkCount(outputs.count, of: "output objectives", outputs: outputNames)
        guard let first = outputs.lazy.compactMap(\.loss).first else {
            throw LayerError.mismatchedData("compile: no output of model '\(name)' has a loss; give at least one")
        }
        compiled = CompiledSettings(optimizer: optimizer, loss: first, metrics: [])
        compiled?.outputs = outputs
    }

    private func checkCount(_ count: Int, of what: String, outputs names: [String]) throws {
        guard count == names.count else {
            throw LayerError.mismatchedData(
                "compile: \(count) \(what) for model '\(name)', which has \(names.count) outputs (\(names.joined(separator: ", "))); give one per output, in that order")
        }
    }
}

/// The loss and metrics of a model on some data.
public struct Evaluation: CustomStringConvertible {
    /// The mean loss (for several outputs, the weighted sum of their losses).
    public let loss: Double
    /// Every compiled metric, by name; for a model with several outputs,
    /// each output's loss and metrics as Keras names them
    /// (`"score_loss"`, `"classes_accuracy"`).
    public let metrics: [String: Double]

    /// The accuracy, or NaN when the model was compiled without it.
    public var accuracy: Double { metrics["accuracy"] ?? .nan }

    /// `loss: … - accuracy: …`.
    public var description: String {
        (["loss: \(loss)"] + metrics.keys.sorted().map { "\($0): \(metrics[$0]!)" }).joined(separator: " - ")
    }
}

extension Model {
    /// The loss and metrics on `x` and `y`, in inference mode, like Keras's
    /// `evaluate`.
    ///
    /// - Throws: `TrainingDataError` for a label the model's output cannot score.
    public func evaluate(_ x: Tensor, _ y: Tensor, batchSize: Int = 32, verbose: Verbosity = .auto) throws -> Evaluation {
        try evaluate(try TensorBatchSource(inputs: x, targets: y), batchSize: batchSize, verbose: verbose)
    }

    /// The loss and metrics on the examples of `data`.
    public func evaluate(_ data: any BatchSource, batchSize: Int = 32, verbose: Verbosity = .auto) throws -> Evaluation {
        let settings = try requireCompiled()
        try buildForInputArrays(shapes: data.inputShapes)
        let bar = ProgressBar(totalSteps: (data.count + batchSize - 1) / batchSize, verbosity: verbose)
        let objective = try TrainingObjective(settings: settings, model: self, inputShapes: data.inputShapes)
        let scores = try evaluateQuietly(data, objective: objective.withFreshMetrics(), batchSize: batchSize) { step, logs in
            bar.update(step: step, metrics: self.orderedMetrics(logs, names: objective.logNames))
        }
        bar.finish(metrics: orderedMetrics(scores, names: objective.logNames))
        var metrics = scores
        let loss = metrics.removeValue(forKey: "loss") ?? .nan
        return Evaluation(loss: loss, metrics: metrics)
    }

    /// Loss and metrics over `data` (pass `objective` with fresh metric
    /// objects), reporting progress to `progress` after each batch;
    /// `objective` checks each batch's targets.
    func evaluateQuietly(_ data: any BatchSource, objective: TrainingObjective,
                         batchSize: Int, progress: ((Int, [String: Double]) -> Void)? = nil) throws -> [String: Double] {
        eval()
        var tally = LossTally(outputs: objective.outputs.count)
        var logs: [String: Double] = [:]
        let stream = BatchStream(data, order: Array(0 ..< data.count), batchSize: batchSize)
        try withoutGradients {
            for step in 0 ..< stream.steps {
                let (x, y) = stream.arrays(step)
                try objective.validate(y, batch: step + 1) { step * batchSize + $0 }
                let predictions = outputs(for: x)
                let losses = objective.losses(predictions: predictions, targets: y)
                tally.add(total: losses.total.scalar, each: losses.each.map { $0?.scalar }, examples: x[0].shape[0])
                objective.updateMetrics(predictions: predictions, targets: y)
                logs = objective.logs(tally)
                progress?(step + 1, logs)
            }
        }
        return logs
    }

    /// The per-example output shape for inputs of `inputShape`: the one seen
    /// on the last call, or found by running one zero example in inference mode
    /// (which changes no state: no dropout draws, no batch statistics).
    func perExampleOutputShape(_ inputShape: [Int]) throws -> [Int] {
        if let outputShape { return outputShape }
        try buildForOneTensor(inputShape: inputShape)
        eval()
        let probe = withoutGradients { self(Tensor.zeros([1] + inputShape)) }
        return Array(probe.shape.dropFirst())
    }

    /// The model's outputs for `x`, computed in batches in inference mode.
    public func predict(_ x: Tensor, batchSize: Int = 32) throws -> Tensor {
        try checkTakesOneTensor()
        return try predict([x], batchSize: batchSize)[0]
    }
}

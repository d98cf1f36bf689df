/// The loss and metrics of a model on some data.
public struct Evaluation: CustomStringConvertible {
    /// The mean loss.
    public let loss: Double
    /// Every compiled metric, by name.
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
        try buildForOneTensor(inputShape: data.inputShape)
        let bar = ProgressBar(totalSteps: (data.count + batchSize - 1) / batchSize, verbosity: verbose)
        let labels = try ClassIndexTargets(checking: settings.loss, of: self, inputShape: data.inputShape)
        let scores = try evaluateQuietly(data, settings: settings, labels: labels, batchSize: batchSize) { step, logs in
            bar.update(step: step, metrics: self.orderedMetrics(logs, settings: settings))
        }
        bar.finish(metrics: orderedMetrics(scores, settings: settings))
        var metrics = scores
        let loss = metrics.removeValue(forKey: "loss") ?? .nan
        return Evaluation(loss: loss, metrics: metrics)
    }

    /// Loss and metrics over `data` with fresh metric objects, reporting
    /// progress to `progress` after each batch; `labels` checks each batch's
    /// class indices when the loss takes them.
    func evaluateQuietly(_ data: any BatchSource, settings: CompiledSettings, labels: ClassIndexTargets?,
                         batchSize: Int, progress: ((Int, [String: Double]) -> Void)? = nil) throws -> [String: Double] {
        eval()
        let metrics = settings.metrics.map { $0.makeFresh() }
        var lossSum = 0.0, seen = 0
        var logs: [String: Double] = [:]
        let stream = BatchStream(data, order: Array(0 ..< data.count), batchSize: batchSize)
        try withoutGradients {
            for step in 0 ..< stream.steps {
                let (x, y) = stream.batch(step)
                try labels?.validate(y, batch: step + 1) { step * batchSize + $0 }
                let predictions = self(x)
                lossSum += Double(settings.loss(predictions: predictions, targets: y).scalar) * Double(x.shape[0])
                seen += x.shape[0]
                for metric in metrics { metric.update(predictions: predictions, targets: y) }
                logs = ["loss": lossSum / Double(Swift.max(seen, 1))]
                for metric in metrics { logs[metric.name] = metric.result }
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
        try buildForOneTensor(inputShape: Array(x.shape.dropFirst()))
        eval()
        return withoutGradients {
            var outputs: [Tensor] = []
            var start = 0
            while start < x.shape[0] {
                let end = Swift.min(start + batchSize, x.shape[0])
                outputs.append(self(x[start ..< end]))
                start = end
            }
            return outputs.isEmpty ? self(x) : concatenate(outputs, alongAxis: 0)
        }
    }
}

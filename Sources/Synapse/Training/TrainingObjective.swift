/// The losses and metrics `fit` and `evaluate` compute, one entry per model
/// output, resolved from the compile settings against the model: a loss per
/// output when `compile` gave a list or a dictionary, otherwise the one
/// compiled loss (and fresh copies of the metrics) for every output.
struct TrainingObjective {
    /// One output's name, loss, weight, metrics and label check.
    struct Output {
        let name: String
        let loss: Loss?
        let weight: Float
        let metrics: [Metric]
        /// Checks the output's class-index targets, when its loss takes them.
        let labels: ClassIndexTargets?
        /// The number of target values per example the loss reads, when
        /// known (built-in losses of a model with several outputs).
        let targetValuesPerExample: Int?
    }

    let outputs: [Output]

    /// Whether the logs name each output's loss and metrics (Keras does so
    /// for a model with several outputs).
    var namesOutputs: Bool { outputs.count > 1 }

    /// The objective of `model` as `settings` compiled it, for input arrays
    /// of `inputShapes` (used for the output widths that class-index labels
    /// are checked against).
    init(settings: CompiledSettings, model: Model, inputShapes: [[Int]]) throws {
        let names = model.outputNames
        let specs = settings.outputs ?? names.indices.map { index in
            OutputObjective(loss: settings.loss, metrics: index == 0 ? settings.metrics : settings.metrics.map { $0.makeFresh() })
        }
        // A graph's output shapes are known without running it; a one-output
        // model's are found only when a class-index loss needs them.
        var outputShapes = names.count > 1 ? try model.perExampleOutputShapes(inputShapes: inputShapes) : nil
        var outputs: [Output] = []
        for (index, (name, spec)) in zip(names, specs).enumerated() {
            let labels = try spec.loss.flatMap { loss in
                try ClassIndexTargets(checking: loss) {
                    if outputShapes == nil { outputShapes = try model.perExampleOutputShapes(inputShapes: inputShapes) }
                    return outputShapes![index]
                }
            }
            let perExample = names.count > 1 ? spec.loss.flatMap { Self.targetValuesPerExample(of: $0, output: outputShapes![index]) } : nil
            outputs.append(Output(name: name, loss: spec.loss, weight: spec.weight, metrics: spec.metrics,
                                  labels: labels, targetValuesPerExample: perExample))
        }
        self.outputs = outputs
    }

    private init(outputs: [Output]) { self.outputs = outputs }

    /// The same objective with fresh metric objects (for validation and evaluation).
    func withFreshMetrics() -> TrainingObjective {
        TrainingObjective(outputs: outputs.map {
            Output(name: $0.name, loss: $0.loss, weight: $0.weight, metrics: $0.metrics.map { $0.makeFresh() },
                   labels: $0.labels, targetValuesPerExample: $0.targetValuesPerExample)
        })
    }

    /// The log names of the training figures, in display order: the metrics
    /// then the loss for one output; the total loss, then every output's
    /// loss and metrics in alphabetical order (as Keras shows them) for several.
    var logNames: [String] {
        guard namesOutputs else { return outputs[0].metrics.map(\.name) + ["loss"] }
        let perOutput = outputs.flatMap { output in
            (output.loss == nil ? [] : [output.name + "_loss"]) + output.metrics.map { output.name + "_" + $0.name }
        }
        return ["loss"] + perOutput.sorted()
    }

    func resetMetrics() {
        for output in outputs { for metric in output.metrics { metric.reset() } }
    }

    /// Throws `LayerError` when the batch has not one target array per
    /// output, and `TrainingDataError` for a bad class label.
    func validate(_ targets: [Tensor], batch: Int, exampleIndex: (Int) -> Int) throws {
        guard targets.count == outputs.count else {
            throw LayerError.mismatchedData(
                "the model has \(outputs.count) outputs (\(outputs.map(\.name).joined(separator: ", "))) but the data has \(targets.count) target arrays; give one per output, in that order")
        }
        for (index, (output, target)) in zip(outputs, targets).enumerated() {
            if let expected = output.targetValuesPerExample, target.rank == 0 || target.count != expected * target.shape[0] {
                throw LayerError.mismatchedData(
                    "target \(index + 1) ('\(output.name)') has examples of shape \(Array(target.shape.dropFirst())) but its loss \(output.loss?.name ?? "") reads \(expected) value(s) per example from output '\(output.name)'; reshape that array, or check the order of the target arrays")
            }
            try output.labels?.validate(target, batch: batch, exampleIndex: exampleIndex)
        }
    }

    /// The target values per example a built-in loss reads for an output of
    /// per-example shape `output`: one class index per position for a loss
    /// that takes them, one value per output value for the element-wise
    /// losses; `nil` for other losses, which may read targets of any shape.
    private static func targetValuesPerExample(of loss: Loss, output: [Int]) -> Int? {
        if loss.takesClassIndices { return output.dropLast().reduce(1, *) }
        switch loss {
        case is MeanSquaredError, is MeanAbsoluteError, is BinaryCrossentropy, is CategoricalCrossentropy:
            return output.reduce(1, *)
        default:
            return nil
        }
    }

    /// Each output's mean loss (`nil` for an output without one) and their
    /// weighted sum, the loss training minimises.
    func losses(predictions: [Tensor], targets: [Tensor]) -> (total: Tensor, each: [Tensor?]) {
        let each = zip(outputs, zip(predictions, targets)).map { output, pair in
            output.loss.map { $0(predictions: pair.0, targets: pair.1) }
        }
        if outputs.count == 1, outputs[0].weight == 1, let only = each[0] { return (only, each) }
        let weighted = zip(outputs, each).compactMap { output, loss in loss.map { $0 * output.weight } }
        return (weighted.dropFirst().reduce(weighted[0], +), each)
    }

    func updateMetrics(predictions: [Tensor], targets: [Tensor]) {
        for (output, (prediction, target)) in zip(outputs, zip(predictions, targets)) {
            for metric in output.metrics { metric.update(predictions: prediction, targets: target) }
        }
    }

    /// The logs for the losses summed so far and the metrics' current values.
    func logs(_ tally: LossTally) -> [String: Double] {
        let seen = Double(Swift.max(tally.examples, 1))
        var logs = ["loss": tally.total / seen]
        for (index, output) in outputs.enumerated() {
            if namesOutputs, output.loss != nil { logs[output.name + "_loss"] = tally.each[index] / seen }
            for metric in output.metrics { logs[namesOutputs ? output.name + "_" + metric.name : metric.name] = metric.result }
        }
        return logs
    }
}

import Foundation

extension Model {
    /// Trains the model on `x` and `y` (examples along the first axis), as
    /// Keras's `fit` does, and returns the per-epoch metrics.
    ///
    /// - Parameters:
    ///   - x: The inputs.
    ///   - y: The targets, one per input.
    ///   - epochs: Passes over the data; at least 1.
    ///   - batchSize: Examples per gradient step.
    ///   - validationSplit: The fraction of examples, taken from the end
    ///     before shuffling, held out to validate after each epoch.
    ///   - validationData: Examples to validate on instead.
    ///   - shuffle: Whether to reshuffle the training examples every epoch.
    ///   - callbacks: Hooks run during training.
    ///   - verbose: How much progress to print.
    /// - Throws: `TrainingDataError` for a label the model's output cannot
    ///   score (checked once per batch), `LayerError` for bad arguments or shapes,
    ///   `CancellationError` when the task running it is cancelled (checked
    ///   before each step; the model keeps the steps already taken).
    @discardableResult
    public func fit(
        _ x: Tensor, _ y: Tensor, epochs: Int = 1, batchSize: Int = 32,
        validationSplit: Double = 0, validationData: (Tensor, Tensor)? = nil,
        shuffle: Bool = true, callbacks: [Callback] = [], verbose: Verbosity = .auto
    ) throws -> History {
        let validation = try validationData.map { try TensorBatchSource(inputs: $0.0, targets: $0.1) }
        return try fit(try TensorBatchSource(inputs: x, targets: y), epochs: epochs, batchSize: batchSize,
                       validationSplit: validationSplit, validationData: validation,
                       shuffle: shuffle, callbacks: callbacks, verbose: verbose)
    }

    /// Trains the model on batches drawn from `data`; see `fit(_:_:epochs:…)`.
    @discardableResult
    public func fit(
        _ data: any BatchSource, epochs: Int = 1, batchSize: Int = 32,
        validationSplit: Double = 0, validationData: (any BatchSource)? = nil,
        shuffle: Bool = true, callbacks: [Callback] = [], verbose: Verbosity = .auto,
        initialEpoch: Int = 0, history initialHistory: History = History()
    ) throws -> History {
        let settings = try requireCompiled()
        guard epochs >= 1, batchSize > 0 else {
            throw LayerError.mismatchedData("fit: epochs (\(epochs)) must be ≥ 1 and batchSize (\(batchSize)) > 0")
        }
        guard validationSplit >= 0, validationSplit < 1 else {
            throw LayerError.mismatchedData("fit: validationSplit must be in [0, 1), got \(validationSplit)")
        }
        guard initialEpoch >= 0, initialEpoch <= epochs else {
            throw LayerError.mismatchedData("fit: initialEpoch (\(initialEpoch)) must be in 0…epochs (\(epochs))")
        }
        try buildForInputArrays(shapes: data.inputShapes)
        var training = data
        var validation = validationData
        if validationSplit > 0, validation == nil {
            let held = Int((Double(data.count) * validationSplit).rounded(.down))
            training = SubsetBatchSource(data, range: 0 ..< data.count - held)
            validation = SubsetBatchSource(data, range: data.count - held ..< data.count)
        }
        guard training.count > 0 else { throw LayerError.mismatchedData("fit: there are no training examples") }

        let objective = try TrainingObjective(settings: settings, model: self, inputShapes: data.inputShapes)
        if settings.dataParallel != nil || settings.privacy != nil,
           objective.outputs.count > 1 || data.inputShapes.count > 1 || settings.outputs != nil {
            throw LayerError.mismatchedData(
                "fit: data-parallel and private (DP-SGD) training take a model with one input and one output compiled with one loss")
        }
        // Data-parallel: every rank starts from rank 0's weights; the others
        // stay quiet and leave files to rank 0.
        var callbacks = callbacks, verbose = verbose
        if let parallel = settings.dataParallel {
            guard settings.privacy == nil else {
                throw LayerError.mismatchedData("fit: private (DP-SGD) training does not run data-parallel yet; train it in one process")
            }
            let ranks = parallel.communicator.size
            guard batchSize % ranks == 0, training.count >= batchSize else {
                throw LayerError.mismatchedData("fit: the global batch size \(batchSize) must divide evenly among \(ranks) ranks and fit in the \(training.count) training examples")
            }
            try parallel.broadcastParameters(of: self)
            if !parallel.communicator.isLeader {
                callbacks = callbacks.filter(\.runsOnEveryRank)
                verbose = .silent
            }
        }
        let runEpoch: (Int) throws -> (logs: [String: Double], bar: ProgressBar)
        if let privacy = settings.privacy {
            let run = try PrivateTrainingRun(model: self, data: training, privacy: privacy, settings: settings,
                                             labels: objective.outputs[0].labels, epochs: epochs - initialEpoch, batchSize: batchSize)
            runEpoch = { epoch in try run.epoch(epoch, of: epochs, callbacks: callbacks, verbose: verbose) }
        } else {
            runEpoch = { epoch in
                try self.runTrainingEpoch(training, settings: settings, objective: objective, epoch: epoch, epochs: epochs,
                                          batchSize: batchSize, shuffle: shuffle, callbacks: callbacks, verbose: verbose)
            }
        }
        var history = initialHistory
        stopTraining = false
        for callback in callbacks { callback.trainingWillBegin(model: self) }
        var lastLogs: [String: Double] = [:]
        for epoch in initialEpoch ..< epochs {
            for callback in callbacks { callback.epochWillBegin(epoch, model: self) }
            var (logs, bar) = try runEpoch(epoch)
            if let validation, validation.count > 0 {
                let scores = try evaluateQuietly(validation, objective: objective.withFreshMetrics(), batchSize: batchSize)
                for (name, value) in scores { logs["val_" + name] = value }
            }
            bar.finish(metrics: orderedMetrics(logs, names: objective.logNames))
            history.record(epoch: epoch, logs: logs)
            lastLogs = logs
            for callback in callbacks { callback.epochDidEnd(epoch, model: self, logs: logs) }
            if stopTraining { break }
        }
        for callback in callbacks { callback.trainingDidEnd(model: self, logs: lastLogs) }
        eval()
        return history
    }

    /// One pass over `data` in shuffled batches; returns the epoch's metrics
    /// and its progress bar, still open for validation metrics. `objective`
    /// checks each batch's targets and computes the losses and metrics.
    private func runTrainingEpoch(
        _ data: any BatchSource, settings: CompiledSettings, objective: TrainingObjective, epoch: Int, epochs: Int,
        batchSize: Int, shuffle: Bool, callbacks: [Callback], verbose: Verbosity
    ) throws -> (logs: [String: Double], bar: ProgressBar) {
        var order = Array(0 ..< data.count)
        if shuffle { GlobalRandom.draw { order.shuffle(using: &$0) } }
        // Data-parallel: this rank's share of each global batch.
        let parallel = settings.dataParallel
        let localBatch = parallel.map { batchSize / $0.communicator.size } ?? batchSize
        if let parallel { order = parallel.localOrder(globalOrder: order, globalBatchSize: batchSize) }
        let steps = (order.count + localBatch - 1) / localBatch
        objective.resetMetrics()
        let bar = ProgressBar(totalSteps: steps, epoch: epoch + 1, epochs: epochs, verbosity: verbose)
        var tally = LossTally(outputs: objective.outputs.count)
        var logs: [String: Double] = [:]
        let stream = BatchStream(data, order: order, batchSize: localBatch)
        // The next batch is gathered and converted on a background thread
        // while this one trains.
        var nextStep = 0
        let batches = Prefetcher<(inputs: [Tensor], targets: [Tensor])> {
            guard nextStep < steps else { return nil }
            defer { nextStep += 1 }
            return stream.arrays(nextStep)
        }
        defer { batches.stop() }
        train()
        for step in 0 ..< steps {
            // Swift task cancellation stops training between two steps.
            if Task.isCancelled { throw CancellationError() }
            // A batch the producer could not make is an error, not a short epoch.
            guard let (x, y) = try batches.next() else {
                throw LayerError.mismatchedData("fit: batch \(step + 1) of \(steps) was not produced")
            }
            try objective.validate(y, batch: step + 1) { order[step * localBatch + $0] }
            let losses: (total: Float, each: [Float?]) = try parallel.map { (try trainStep(x[0], y[0], settings: settings, parallel: $0), []) }
                ?? trainStep(x, y, objective: objective, optimizer: settings.optimizer)
            tally.add(total: losses.total, each: losses.each, examples: x[0].shape[0])
            logs = objective.logs(tally)
            bar.update(step: step + 1, metrics: orderedMetrics(logs, names: objective.logNames))
            for callback in callbacks { callback.batchDidEnd(step, model: self, logs: logs) }
            // A callback may stop training at once (TerminateOnNaN does);
            // data-parallel ranks stop together, or one would wait for the other.
            if let parallel {
                var stop: [Float] = [stopTraining ? 1 : 0]
                try parallel.communicator.allreduce(&stop, .max)
                stopTraining = stop[0] > 0
            }
            // (A cancelled task goes on to the cancellation check, which throws.)
            if stopTraining && !Task.isCancelled { break }
        }
        if let parallel {
            // The epoch's figures over all ranks, so every rank's callbacks decide alike.
            let names = settings.metrics.map(\.name)
            let seen = Double(tally.examples)
            let totals = try parallel.sum([tally.total, seen] + names.map { (logs[$0] ?? 0) * seen })
            logs["loss"] = totals[0] / totals[1]
            for (index, name) in names.enumerated() { logs[name] = totals[2 + index] / totals[1] }
        }
        return (logs, bar)
    }

    /// One data-parallel gradient step: this rank's batch, gradients averaged
    /// over all ranks; returns this rank's mean loss.
    func trainStep(_ x: Tensor, _ y: Tensor, settings: CompiledSettings, parallel: DataParallel) throws -> Float {
        var predictions = Tensor(0)
        let (loss, gradients) = try parallel.valueWithGradients(of: self) { model in
            let output = model(x)
            predictions = output.detached()
            return settings.loss(predictions: output, targets: y)
        }
        settings.optimizer.update(gradients.parameters, gradients: gradients.tensors)
        for metric in settings.metrics { metric.update(predictions: predictions, targets: y) }
        return loss.scalar
    }

    /// One gradient step on a batch of every input and target array;
    /// returns the batch's total mean loss and, with several outputs, each
    /// output's (empty with one).
    func trainStep(_ x: [Tensor], _ y: [Tensor], objective: TrainingObjective,
                   optimizer: Optimizer) -> (total: Float, each: [Float?]) {
        var predictions: [Tensor] = []
        var each: [Tensor?] = []
        let (loss, gradients) = valueWithGradients(of: self) { model in
            let outputs = model.outputs(for: x)
            predictions = outputs.map { $0.detached() }
            let losses = objective.losses(predictions: outputs, targets: y)
            // Detached: the graph (and with it every weight it read) must be
            // released before the optimiser writes the weights in place.
            each = losses.each.map { $0?.detached() }
            return losses.total
        }
        optimizer.update(gradients.parameters, gradients: gradients.tensors)
        objective.updateMetrics(predictions: predictions, targets: y)
        return (loss.scalar, objective.namesOutputs ? each.map { $0?.scalar } : [])
    }

    /// Keras's display order: metrics in compile order, then the loss, then
    /// validation metrics.
    func orderedMetrics(_ logs: [String: Double], settings: CompiledSettings) -> [(String, Double)] {
        orderedMetrics(logs, names: settings.metrics.map(\.name) + ["loss"])
    }

    /// The training figures `names` in that order, then their validation
    /// figures, then anything else in `logs` alphabetically.
    func orderedMetrics(_ logs: [String: Double], names: [String]) -> [(String, Double)] {
        let ordered = names + names.map { "val_" + $0 }
        let known = ordered.compactMap { name in logs[name].map { (name, $0) } }
        let rest = logs.keys.filter { !ordered.contains($0) }.sorted().map { ($0, logs[$0]!) }
        return known + rest
    }
}

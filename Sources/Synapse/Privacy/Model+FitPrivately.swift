extension Model {
    /// `fit` for a model compiled with privacy settings: DP-SGD with
    /// per-example clipping and noise, Poisson or shuffled batches, ε in the
    /// progress line and the History (`"epsilon"`) after every epoch, and a
    /// `PrivacyRecord` in `metadata.privacy` at the end.
    func fitPrivately(
        _ data: any BatchSource, validation: (any BatchSource)?, privacy: PrivacySettings, settings: CompiledSettings,
        labels: ClassIndexTargets?, epochs: Int, batchSize: Int, callbacks: [Callback], verbose: Verbosity,
        initialEpoch: Int, history initialHistory: History
    ) throws -> History {
        let examples = data.count
        let sampleRate = min(1, Double(batchSize) / Double(examples))
        let stepsPerEpoch = (examples + batchSize - 1) / batchSize
        let sigma = try privacy.resolvedNoiseMultiplier(examples: examples, sampleRate: sampleRate,
                                                        steps: stepsPerEpoch * (epochs - initialEpoch))
        let optimizer = try DPOptimizer(settings.optimizer, noiseMultiplier: sigma, maxGradNorm: privacy.maxGradNorm,
                                        clipping: privacy.clipping, noise: privacy.noiseSource)
        let sampler = PrivateBatchSampler(sampling: privacy.sampling, examples: examples, batchSize: batchSize,
                                          random: optimizer.random)
        var history = initialHistory
        stopTraining = false
        for callback in callbacks { callback.trainingWillBegin(model: self) }
        var lastLogs: [String: Double] = [:]
        for epoch in initialEpoch ..< epochs {
            for callback in callbacks { callback.epochWillBegin(epoch, model: self) }
            for metric in settings.metrics { metric.reset() }
            let bar = ProgressBar(totalSteps: stepsPerEpoch, epoch: epoch + 1, epochs: epochs, verbosity: verbose)
            var lossSum = 0.0, seen = 0
            var logs: [String: Double] = [:]
            let batches = sampler.epoch()
            for (step, indices) in batches.enumerated() {
                if Task.isCancelled { throw CancellationError() }
                if indices.isEmpty {
                    optimizer.stepWithEmptyBatch(parameters: trainableParameters, expectedBatchSize: sampler.expectedBatchSize,
                                                 sampleRate: sampleRate)
                } else {
                    let (x, y) = data.batch(at: indices)
                    try labels?.validate(y, batch: step + 1) { indices[$0] }
                    let pass = try perExampleBackward(inputs: x, targets: y, loss: settings.loss)
                    optimizer.step(pass, expectedBatchSize: sampler.expectedBatchSize, sampleRate: sampleRate)
                    for metric in settings.metrics { metric.update(predictions: pass.predictions, targets: y) }
                    lossSum += Double(pass.loss) * Double(indices.count)
                    seen += indices.count
                }
                logs = ["loss": lossSum / Double(max(seen, 1))]
                for metric in settings.metrics { logs[metric.name] = metric.result }
                bar.update(step: step + 1, metrics: orderedMetrics(logs, settings: settings))
                for callback in callbacks { callback.batchDidEnd(step, model: self, logs: logs) }
            }
            logs["epsilon"] = optimizer.accountant.epsilon(delta: privacy.delta, conversion: privacy.conversion)
            if let validation, validation.count > 0 {
                let scores = try evaluateQuietly(validation, settings: settings, labels: labels, batchSize: batchSize)
                for (name, value) in scores { logs["val_" + name] = value }
                train()
            }
            bar.finish(metrics: orderedMetrics(logs, settings: settings))
            history.record(epoch: epoch, logs: logs)
            lastLogs = logs
            metadata.privacy = PrivacyRecord(
                epsilon: logs["epsilon"] ?? 0, delta: privacy.delta, noiseMultiplier: sigma,
                maxGradNorm: privacy.maxGradNorm, sampleRate: sampleRate,
                steps: optimizer.accountant.history.reduce(0) { $0 + $1.count }, sampling: privacy.sampling.rawValue,
                clipping: privacy.clipping.rawValue, accountant: "rdp/\(privacy.conversion.rawValue)")
            for callback in callbacks { callback.epochDidEnd(epoch, model: self, logs: logs) }
            if stopTraining { break }
        }
        for callback in callbacks { callback.trainingDidEnd(model: self, logs: lastLogs) }
        eval()
        return history
    }
}

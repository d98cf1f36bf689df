/// One `fit` of a model compiled with privacy settings: DP-SGD epochs with
/// per-example clipping and noise over Poisson or shuffled batches. Each
/// epoch's logs carry the ε spent so far (`"epsilon"`, so it is in the
/// progress line and the History), and the model's `metadata.privacy` is
/// brought up to date after each epoch.
final class PrivateTrainingRun {
    private unowned let model: Model
    private let data: any BatchSource
    private let privacy: PrivacySettings
    private let settings: CompiledSettings
    private let labels: ClassIndexTargets?
    private let optimizer: DPOptimizer
    private let sampler: PrivateBatchSampler
    private let sampleRate: Double

    /// Checks the settings against the data and works out σ for `epochs` epochs.
    ///
    /// - Throws: `PrivacyError` for σ ≤ 0, C ≤ 0, δ ≥ 1/N or an unreachable target ε.
    init(model: Model, data: any BatchSource, privacy: PrivacySettings, settings: CompiledSettings,
         labels: ClassIndexTargets?, epochs: Int, batchSize: Int) throws {
        let examples = data.count
        sampleRate = min(1, Double(batchSize) / Double(examples))
        let stepsPerEpoch = (examples + batchSize - 1) / batchSize
        let sigma = try privacy.resolvedNoiseMultiplier(examples: examples, sampleRate: sampleRate,
                                                        steps: stepsPerEpoch * max(epochs, 1))
        optimizer = try DPOptimizer(settings.optimizer, noiseMultiplier: sigma, maxGradNorm: privacy.maxGradNorm,
                                    clipping: privacy.clipping, noise: privacy.noiseSource)
        sampler = PrivateBatchSampler(sampling: privacy.sampling, examples: examples, batchSize: batchSize,
                                      random: optimizer.random)
        self.model = model
        self.data = data
        self.privacy = privacy
        self.settings = settings
        self.labels = labels
    }

    /// One epoch; returns its logs and its progress bar, still open.
    func epoch(_ epoch: Int, of epochs: Int, callbacks: [Callback], verbose: Verbosity) throws
        -> (logs: [String: Double], bar: ProgressBar) {
        let batches = sampler.epoch()
        for metric in settings.metrics { metric.reset() }
        let bar = ProgressBar(totalSteps: batches.count, epoch: epoch + 1, epochs: epochs, verbosity: verbose)
        var lossSum = 0.0, seen = 0
        var logs: [String: Double] = [:]
        for (step, indices) in batches.enumerated() {
            if Task.isCancelled { throw CancellationError() }
            if indices.isEmpty {
                optimizer.stepWithEmptyBatch(parameters: model.trainableParameters,
                                             expectedBatchSize: sampler.expectedBatchSize, sampleRate: sampleRate)
            } else {
                let (x, y) = data.batch(at: indices)
                try labels?.validate(y, batch: step + 1) { indices[$0] }
                let pass = try model.perExampleBackward(inputs: x, targets: y, loss: settings.loss)
                optimizer.step(pass, expectedBatchSize: sampler.expectedBatchSize, sampleRate: sampleRate)
                for metric in settings.metrics { metric.update(predictions: pass.predictions, targets: y) }
                lossSum += Double(pass.loss) * Double(indices.count)
                seen += indices.count
            }
            logs = ["loss": lossSum / Double(max(seen, 1))]
            for metric in settings.metrics { logs[metric.name] = metric.result }
            bar.update(step: step + 1, metrics: model.orderedMetrics(logs, settings: settings))
            for callback in callbacks { callback.batchDidEnd(step, model: model, logs: logs) }
        }
        let epsilon = privacy.accountant.epsilon(history: optimizer.accountant.history, delta: privacy.delta,
                                                 conversion: privacy.conversion)
        logs["epsilon"] = epsilon
        model.metadata.privacy = PrivacyRecord(
            epsilon: epsilon, delta: privacy.delta, noiseMultiplier: optimizer.noiseMultiplier,
            maxGradNorm: privacy.maxGradNorm, sampleRate: sampleRate,
            steps: optimizer.accountant.history.reduce(0) { $0 + $1.count }, sampling: privacy.sampling.rawValue,
            clipping: privacy.clipping.rawValue, accountant: privacy.accountant.recordName(conversion: privacy.conversion))
        return (logs, bar)
    }
}

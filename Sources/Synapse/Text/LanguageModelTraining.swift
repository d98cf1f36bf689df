import Foundation

/// The settings of a language-model training run; the defaults are nanoGPT's
/// CPU configuration of `shakespeare_char` (batch 12, 2,000 iterations,
/// AdamW at 1e-3 with β₂ 0.99 and weight decay 0.1 on matrices only, 100
/// iterations of linear warm-up then a cosine decay to lr/10, gradients
/// clipped to global norm 1, losses estimated on 20 batches every 250 iterations).
public struct LanguageModelTrainingOptions: Sendable, Equatable {
    /// The number of optimiser steps.
    public var iterations = 2000
    /// Windows per batch.
    public var batchSize = 12
    /// Tokens per window (at most the model's block size).
    public var contextLength = 64
    /// The peak learning rate, reached after the warm-up.
    public var learningRate: Float = 1e-3
    /// The length of the linear warm-up.
    public var warmupIterations = 100
    /// AdamW's decoupled weight decay, applied to matrices (rank ≥ 2) only.
    public var weightDecay: Float = 0.1
    /// AdamW's β₁.
    public var beta1: Float = 0.9
    /// AdamW's β₂.
    public var beta2: Float = 0.99
    /// The global gradient norm is clipped to this.
    public var gradientClipNorm: Float = 1
    /// Losses are estimated every this many iterations (and at the end).
    public var evaluationInterval = 250
    /// Batches per loss estimate.
    public var evaluationBatches = 20
    /// Seeds the window sampler.
    public var seed: UInt64 = 1337

    /// nanoGPT's CPU configuration.
    public init() {}

    /// The learning rate schedule: warm-up from lr/(warm-up + 1), then cosine to lr/10.
    public var schedule: LearningRateSchedule {
        CosineDecay(learningRate / Float(warmupIterations + 1), decaySteps: Swift.max(iterations - warmupIterations, 1),
                    alpha: 0.1, warmupTarget: learningRate, warmupSteps: warmupIterations)
    }

    /// The optimiser for `model`: AdamW with these settings, biases and
    /// normalisation parameters excluded from weight decay, and ε 1e-8 added
    /// where `torch.optim.AdamW` adds it (nanoGPT's optimiser).
    public func optimizer(for model: Layer) -> AdamW {
        let optimizer = AdamW(learningRate: learningRate, weightDecay: weightDecay, beta1: beta1, beta2: beta2,
                              epsilon: 1e-8, epsilonConvention: .pytorch)
        optimizer.schedule = schedule
        optimizer.globalClipNorm = gradientClipNorm
        optimizer.excludeFromWeightDecay(model.trainableParameters.filter { $0.shape.count < 2 })
        return optimizer
    }
}

/// Losses measured during a language-model run.
public struct LanguageModelEvaluation: Sendable, Equatable {
    /// Iterations completed when measured.
    public let iteration: Int
    /// The mean cross-entropy over `evaluationBatches` training batches.
    public let trainingLoss: Float
    /// The same over validation batches.
    public let validationLoss: Float
    /// Seconds of training so far (estimates excluded).
    public let seconds: Double
}

/// Trains a next-token model (any layer mapping `[batch, time]` ids to
/// `[batch, time, vocabulary]` logits, such as `GPT`) on random windows of
/// a `TextCorpus`, with the options' AdamW, schedule and clipping.
public struct LanguageModelTrainer {
    /// The run's settings.
    public let options: LanguageModelTrainingOptions

    /// A trainer with `options`.
    public init(options: LanguageModelTrainingOptions = LanguageModelTrainingOptions()) {
        self.options = options
    }

    /// Trains `model` on `corpus`, calling `report` with the estimated
    /// losses at iteration 0, every `evaluationInterval` iterations and at the
    /// end; returns every estimate. `shouldStop` is asked before each step.
    @discardableResult
    public func train(_ model: Layer, on corpus: TextCorpus, shouldStop: () -> Bool = { false },
                      report: (LanguageModelEvaluation) -> Void = { _ in }) -> [LanguageModelEvaluation] {
        var generator = SeededGenerator(seed: options.seed)
        let warmup = corpus.training.randomWindows(count: 1, length: options.contextLength, using: &generator)
        _ = withoutGradients { model(warmup.inputs) }
        let optimizer = options.optimizer(for: model)
        let loss = SparseCategoricalCrossentropy(fromLogits: true)
        var evaluations: [LanguageModelEvaluation] = []
        var seconds = 0.0
        for iteration in 0...options.iterations {
            if iteration % options.evaluationInterval == 0 || iteration == options.iterations {
                let evaluation = estimate(model, corpus: corpus, iteration: iteration, seconds: seconds, using: &generator)
                evaluations.append(evaluation)
                report(evaluation)
            }
            if iteration == options.iterations || shouldStop() { break }
            let start = Date()
            let (inputs, targets) = corpus.training.randomWindows(count: options.batchSize, length: options.contextLength,
                                                                  using: &generator)
            let (_, gradients) = valueWithGradients(of: model) { model in
                let logits = model(inputs)
                return loss(predictions: logits.reshaped(to: [-1, logits.shape[logits.rank - 1]]), targets: targets)
            }
            optimizer.update(model, with: gradients)
            seconds += Date().timeIntervalSince(start)
        }
        return evaluations
    }

    /// The mean loss over `evaluationBatches` random batches of each split.
    func estimate(_ model: Layer, corpus: TextCorpus, iteration: Int, seconds: Double,
                  using generator: inout SeededGenerator) -> LanguageModelEvaluation {
        let trainingLoss = meanLoss(model, on: corpus.training, using: &generator)
        let validationLoss = meanLoss(model, on: corpus.validation, using: &generator)
        return LanguageModelEvaluation(iteration: iteration, trainingLoss: trainingLoss,
                                       validationLoss: validationLoss, seconds: seconds)
    }

    /// The mean cross-entropy of `model` over every non-overlapping window of
    /// `contextLength` tokens in `tokens` (each predicting its next tokens),
    /// in inference mode: the exact loss on the split, which unlike the
    /// estimate from `evaluationBatches` random batches does not depend on
    /// which windows were drawn.
    public func exactLoss(_ model: Layer, on tokens: TokenSequence, windowsPerBatch: Int = 256) -> Float {
        let length = options.contextLength
        let starts = Array(stride(from: 0, to: tokens.count - length, by: length))
        guard !starts.isEmpty else { return .nan }
        let loss = SparseCategoricalCrossentropy(fromLogits: true)
        let wasTraining = model.isTraining
        model.eval()
        defer { if wasTraining { model.train() } }
        var total = 0.0
        for first in stride(from: 0, to: starts.count, by: windowsPerBatch) {
            let batch = Array(starts[first..<min(first + windowsPerBatch, starts.count)])
            let (inputs, targets) = tokens.windows(startingAt: batch, length: length)
            total += withoutGradients {
                let logits = model(inputs)
                return Double(loss(predictions: logits.reshaped(to: [-1, logits.shape[logits.rank - 1]]),
                                   targets: targets).scalar) * Double(batch.count)
            }
        }
        return Float(total / Double(starts.count))
    }

    /// The mean cross-entropy of `model` over random windows of `tokens`, in inference mode.
    public func meanLoss(_ model: Layer, on tokens: TokenSequence, using generator: inout SeededGenerator) -> Float {
        let loss = SparseCategoricalCrossentropy(fromLogits: true)
        let wasTraining = model.isTraining
        model.eval()
        defer { if wasTraining { model.train() } }
        var total: Float = 0
        for _ in 0..<options.evaluationBatches {
            let (inputs, targets) = tokens.randomWindows(count: options.batchSize, length: options.contextLength,
                                                         using: &generator)
            total += withoutGradients {
                let logits = model(inputs)
                return loss(predictions: logits.reshaped(to: [-1, logits.shape[logits.rank - 1]]), targets: targets).scalar
            }
        }
        return total / Float(options.evaluationBatches)
    }
}

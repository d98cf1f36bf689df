/// How `fit` trains privately (DP-SGD), given to
/// `compile(optimizer:loss:metrics:privacy:)`:
/// ```swift
/// model.compile(optimizer: SGD(learningRate: 0.1), loss: .sparseCategoricalCrossentropyFromLogits,
///               metrics: [.accuracy], privacy: .init(targetEpsilon: 3, delta: 1e-5, maxGradNorm: 1))
/// try model.fit(x, y, epochs: 10, batchSize: 256)   // the progress line shows ε
/// ```
public struct PrivacySettings: Sendable {
    /// Where σ comes from.
    public enum Noise: Sendable, Equatable {
        /// A given noise multiplier σ.
        case multiplier(Double)
        /// The σ that spends exactly this ε over the whole run (found before training).
        case targetEpsilon(Double)
    }

    /// How batches are drawn.
    public enum Sampling: String, Sendable, Codable {
        /// Each example joins each batch independently with probability
        /// q = batchSize / N, so batch sizes vary (as Opacus); the case the
        /// accountant's bound is proven for.
        case poisson
        /// Reshuffled fixed-size batches each epoch. The accountant still
        /// reports the Poisson figure, as TF Privacy's tutorials do; it is
        /// not a proven bound for this sampling.
        case shuffled
    }

    /// σ, or the ε to reach.
    public var noise: Noise
    /// C: the largest norm an example's gradient keeps.
    public var maxGradNorm: Double
    /// δ: must be below 1 / N (N training examples).
    public var delta: Double
    /// How batches are drawn (Poisson by default).
    public var sampling: Sampling
    /// Flat (default) or per-layer clipping.
    public var clipping: PrivacyClipping
    /// The noise generator (secure by default).
    public var noiseSource: NoiseSource
    /// How ε is computed from the RDP (Balle et al. 2020 by default).
    public var conversion: RDPConversion
    /// The accountant that reports ε and finds σ for a target (RDP by default).
    public var accountant: PrivacyAccountantKind

    /// Private training with noise multiplier σ.
    public init(noiseMultiplier: Double, maxGradNorm: Double, delta: Double = 1e-5, sampling: Sampling = .poisson,
                clipping: PrivacyClipping = .flat, noiseSource: NoiseSource = .secure,
                conversion: RDPConversion = .balle2020, accountant: PrivacyAccountantKind = .rdp) {
        self.init(noise: .multiplier(noiseMultiplier), maxGradNorm: maxGradNorm, delta: delta, sampling: sampling,
                  clipping: clipping, noiseSource: noiseSource, conversion: conversion, accountant: accountant)
    }

    /// Private training that spends `targetEpsilon` over the whole run.
    public init(targetEpsilon: Double, delta: Double = 1e-5, maxGradNorm: Double, sampling: Sampling = .poisson,
                clipping: PrivacyClipping = .flat, noiseSource: NoiseSource = .secure,
                conversion: RDPConversion = .balle2020, accountant: PrivacyAccountantKind = .rdp) {
        self.init(noise: .targetEpsilon(targetEpsilon), maxGradNorm: maxGradNorm, delta: delta, sampling: sampling,
                  clipping: clipping, noiseSource: noiseSource, conversion: conversion, accountant: accountant)
    }

    /// Every setting spelled out.
    public init(noise: Noise, maxGradNorm: Double, delta: Double, sampling: Sampling, clipping: PrivacyClipping,
                noiseSource: NoiseSource, conversion: RDPConversion, accountant: PrivacyAccountantKind = .rdp) {
        self.noise = noise
        self.maxGradNorm = maxGradNorm
        self.delta = delta
        self.sampling = sampling
        self.clipping = clipping
        self.noiseSource = noiseSource
        self.conversion = conversion
        self.accountant = accountant
    }

    /// The noise multiplier for a run of `steps` steps at `sampleRate` over
    /// `examples` examples, after checking every setting.
    ///
    /// - Throws: `PrivacyError` for σ ≤ 0, C ≤ 0, δ ∉ (0, 1/N), or a target ε that cannot be reached.
    public func resolvedNoiseMultiplier(examples: Int, sampleRate: Double, steps: Int) throws -> Double {
        guard maxGradNorm > 0, maxGradNorm.isFinite else { throw PrivacyError.nonPositiveClipNorm(maxGradNorm) }
        guard delta > 0, delta < 1 / Double(max(examples, 1)) else {
            throw PrivacyError.deltaTooLarge(delta: delta, examples: examples)
        }
        switch noise {
        case let .multiplier(sigma):
            guard sigma > 0, sigma.isFinite else { throw PrivacyError.nonPositiveNoiseMultiplier(sigma) }
            return sigma
        case let .targetEpsilon(epsilon):
            return try NoiseMultiplierSearch.noiseMultiplier(targetEpsilon: epsilon, delta: delta, sampleRate: sampleRate,
                                                             steps: steps, conversion: conversion, accountant: accountant)
        }
    }
}

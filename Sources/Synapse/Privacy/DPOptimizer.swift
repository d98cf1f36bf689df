/// DP-SGD around any optimiser (Abadi et al. 2016, as Opacus's
/// `DPOptimizer`): each example's gradient is clipped to norm C, the clipped
/// gradients are summed, Gaussian noise N(0, σ²C²) is added to every
/// element, and the sum is divided by the expected batch size before the
/// wrapped optimiser applies it. Every step is recorded in `accountant`.
///
/// ```swift
/// let optimizer = try DPOptimizer(Adam(learningRate: 1e-3), noiseMultiplier: 1.1, maxGradNorm: 1)
/// let pass = try model.perExampleBackward(inputs: x, targets: y, loss: SparseCategoricalCrossentropy())
/// optimizer.step(pass, expectedBatchSize: 256, sampleRate: 256.0 / 60_000)
/// print(optimizer.accountant.epsilon(delta: 1e-5))
/// ```
/// `model.compile(optimizer:loss:metrics:privacy:)` does this inside `fit`.
public final class DPOptimizer {
    /// The optimiser that applies the privatised gradient.
    public let optimizer: Optimizer
    /// σ: the noise's standard deviation over the clipping norm.
    public let noiseMultiplier: Double
    /// C: the largest norm an example's gradient keeps.
    public let maxGradNorm: Double
    /// Flat or per-layer clipping.
    public let clipping: PrivacyClipping
    /// Where the noise comes from.
    public let noise: NoiseSource
    /// The privacy spent by the steps taken so far.
    public private(set) var accountant: RDPAccountant
    let random: PrivacyRandom

    /// Wraps `optimizer`.
    ///
    /// - Throws: `PrivacyError.nonPositiveNoiseMultiplier` for σ ≤ 0 and
    ///   `.nonPositiveClipNorm` for C ≤ 0.
    public convenience init(_ optimizer: Optimizer, noiseMultiplier: Double, maxGradNorm: Double,
                            clipping: PrivacyClipping = .flat, noise: NoiseSource = .secure,
                            accountant: RDPAccountant = RDPAccountant()) throws {
        guard noiseMultiplier > 0, noiseMultiplier.isFinite else {
            throw PrivacyError.nonPositiveNoiseMultiplier(noiseMultiplier)
        }
        self.init(optimizer, allowingZeroNoise: noiseMultiplier, maxGradNorm: maxGradNorm, clipping: clipping,
                  noise: noise, accountant: accountant)
        guard maxGradNorm > 0, maxGradNorm.isFinite else { throw PrivacyError.nonPositiveClipNorm(maxGradNorm) }
    }

    /// Without the σ > 0 check: σ = 0 gives the plain clipped-mean step (for tests; it is not private).
    init(_ optimizer: Optimizer, allowingZeroNoise noiseMultiplier: Double, maxGradNorm: Double,
         clipping: PrivacyClipping, noise: NoiseSource, accountant: RDPAccountant = RDPAccountant()) {
        self.optimizer = optimizer
        self.noiseMultiplier = noiseMultiplier
        self.maxGradNorm = maxGradNorm
        self.clipping = clipping
        self.noise = noise
        self.accountant = accountant
        random = noise.makeGenerator()
    }

    /// One private step from `pass`; `expectedBatchSize` is q·N (the batch
    /// size for fixed batches) and `sampleRate` q, for the accountant.
    public func step(_ pass: PerExampleBackward, expectedBatchSize: Double, sampleRate: Double) {
        let gradients = privatizedGradients(pass, expectedBatchSize: expectedBatchSize)
        optimizer.update(pass.parameters, gradients: gradients)
        accountant.record(noiseMultiplier: noiseMultiplier, sampleRate: sampleRate)
    }

    /// A step for a Poisson batch that came out empty: the noise alone, for `parameters`.
    public func stepWithEmptyBatch(parameters: [Parameter], expectedBatchSize: Double, sampleRate: Double) {
        var gradients = parameters.map { Tensor.zeros($0.shape) }
        for index in gradients.indices { addNoise(to: &gradients[index], expectedBatchSize: expectedBatchSize) }
        optimizer.update(parameters, gradients: gradients)
        accountant.record(noiseMultiplier: noiseMultiplier, sampleRate: sampleRate)
    }

    /// (Σᵢ clipped gᵢ + N(0, σ²C²)) / expectedBatchSize, for each of `pass.parameters`.
    func privatizedGradients(_ pass: PerExampleBackward, expectedBatchSize: Double) -> [Tensor] {
        let factors = clipping.factors(squaredNorms: pass.squaredNormsPerLayer(), maxGradNorm: maxGradNorm)
        var sums = pass.weightedGradients(weights: factors)
        for index in sums.indices { addNoise(to: &sums[index], expectedBatchSize: expectedBatchSize) }
        return sums
    }

    private func addNoise(to sum: inout Tensor, expectedBatchSize: Double) {
        let deviation = noiseMultiplier * maxGradNorm
        let scale = Float(1 / expectedBatchSize)
        sum.withUnsafeMutableBufferPointer { values in
            if deviation > 0 {
                random.addGaussian(to: values, standardDeviation: deviation, thenScaleBy: scale)
            } else {
                for index in values.indices { values[index] *= scale }
            }
        }
    }
}

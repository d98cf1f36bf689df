import Foundation

/// The privacy loss of one step of the Poisson-subsampled Gaussian mechanism
/// (sensitivity 1, noise N(0, σ²)), in the form the PLD accountant needs: its
/// exact hockey-stick divergence δ(ε) and the range its loss spans.
///
/// With sample rate q, neighbouring datasets give the output distributions
/// P = (1 − q)·N(0, σ²) + q·N(1, σ²) and Q = N(0, σ²). Removing an example
/// (`remove`) compares P against Q, adding one (`add`) Q against P; the two
/// privacy loss distributions differ when q < 1, and a guarantee takes the
/// worse of them (as dp-accounting does).
extension SubsampledGaussian {
    /// Which way two neighbouring datasets differ.
    enum Adjacency: CaseIterable {
        /// The larger dataset's output against the smaller's: loss log(P/Q) under P.
        case remove
        /// The smaller dataset's output against the larger's: loss log(Q/P) under Q.
        case add
    }

    /// The hockey-stick divergence of the Gaussian mechanism without
    /// subsampling, δ(ε) = Φ(−ε/μ + μ/2) − e^ε Φ(−ε/μ − μ/2) with μ = 1/σ:
    /// the smallest δ for which one step is (ε, δ)-DP.
    static func gaussianDelta(epsilon: Double, noiseMultiplier sigma: Double) -> Double {
        let mu = 1 / sigma
        let upper = StandardNormal.cdf(-epsilon / mu + mu / 2)
        let lower = exp(epsilon + StandardNormal.logCDF(-epsilon / mu - mu / 2))
        return min(1, max(0, upper - lower))
    }

    /// δ(ε) of one subsampled step in the direction `adjacency`, exactly.
    ///
    /// The subsampled loss is log(1 − q + q·e^ℓ) of the plain Gaussian's loss
    /// ℓ, so each direction is the plain δ at a transformed ε:
    /// remove: q·δ_G(log(1 + (e^ε − 1)/q)), and 1 − e^ε once ε ≤ log(1 − q);
    /// add: (1 − (1 − q)e^ε)·δ_G(log(q / (q + e^(−ε) − 1))), and 0 once ε ≥ −log(1 − q).
    static func delta(epsilon: Double, sampleRate q: Double, noiseMultiplier sigma: Double,
                      adjacency: Adjacency) -> Double {
        if q == 1 { return gaussianDelta(epsilon: epsilon, noiseMultiplier: sigma) }
        switch adjacency {
        case .remove:
            if epsilon <= log1p(-q) { return -expm1(epsilon) }
            return q * gaussianDelta(epsilon: log1p(expm1(epsilon) / q), noiseMultiplier: sigma)
        case .add:
            if epsilon >= -log1p(-q) { return 0 }
            let weight = -expm1(epsilon + log1p(-q))
            return weight * gaussianDelta(epsilon: -log1p(expm1(-epsilon) / q), noiseMultiplier: sigma)
        }
    }

    /// The range of the loss once each tail of the Gaussian noise beyond
    /// probability e^`logTailMass` / 2 is set aside (to the infinite loss).
    static func lossRange(sampleRate q: Double, noiseMultiplier sigma: Double, adjacency: Adjacency,
                          logTailMass: Double) -> ClosedRange<Double> {
        // Beyond z the noise's tail holds e^logTailMass / 2; the plain loss there is ±a.
        let z = StandardNormal.lowerQuantile(logProbability: logTailMass + log(0.5))
        let a = -z / sigma + 1 / (2 * sigma * sigma)
        let low = log1p(q * expm1(-a)), high = log1p(q * expm1(a))
        switch adjacency {
        case .remove: return low ... high
        case .add: return -high ... -low
        }
    }
}

import Foundation

/// The Rényi differential privacy of the Poisson-subsampled Gaussian
/// mechanism, the mechanism of one DP-SGD step: each example joins the batch
/// with probability `sampleRate` (q), and Gaussian noise of standard deviation
/// `noiseMultiplier` (σ) times the clipping norm is added to the summed
/// gradient.
///
/// The bound is Mironov, Talwar and Zhang (2019), "Rényi Differential Privacy
/// of the Sampled Gaussian Mechanism": for an integer order α,
/// A_α = Σₖ C(α, k) (1 − q)^(α−k) qᵏ exp((k² − k) / (2σ²)) and
/// RDP(α) = log A_α / (α − 1); a fractional order uses the paper's series
/// with the error function. It is the bound TF Privacy, Opacus and
/// dp-accounting compute; at fractional orders the two current libraries sum
/// the series differently (see `FractionalOrderSeries`).
public enum SubsampledGaussian {
    /// The RDP of one step at `order` (α > 1); infinite when σ = 0.
    public static func rdp(order: Double, sampleRate q: Double, noiseMultiplier sigma: Double,
                           series: FractionalOrderSeries = .absoluteTerms) -> Double {
        precondition(order > 1, "SubsampledGaussian.rdp: the order must be > 1, got \(order)")
        precondition(q >= 0 && q <= 1, "SubsampledGaussian.rdp: the sample rate must be in [0, 1], got \(q)")
        precondition(sigma >= 0, "SubsampledGaussian.rdp: the noise multiplier must be ≥ 0, got \(sigma)")
        if q == 0 { return 0 }
        if sigma == 0 { return .infinity }
        if q == 1 { return order / (2 * sigma * sigma) }
        if order.isInfinite { return .infinity }
        let logA = order == order.rounded() ? logAIntegerOrder(Int(order), q: q, sigma: sigma)
                                            : logAFractionalOrder(order, q: q, sigma: sigma, series: series)
        return logA / (order - 1)
    }

    /// log A_α for an integer α: the binomial sum, term by term in log space.
    static func logAIntegerOrder(_ alpha: Int, q: Double, sigma: Double) -> Double {
        let logQ = log(q), logOneMinusQ = log1p(-q)
        let alphaValue = Double(alpha)
        var logA = -Double.infinity
        for k in 0 ... alpha {
            let kValue = Double(k)
            let logBinomial = lgamma(alphaValue + 1) - lgamma(kValue + 1) - lgamma(alphaValue - kValue + 1)
            let logTerm = logBinomial + kValue * logQ + (alphaValue - kValue) * logOneMinusQ
                + (kValue * kValue - kValue) / (2 * sigma * sigma)
            logA = LogSpace.add(logA, logTerm)
        }
        return logA
    }

    /// log A_α for a fractional α: the two series of Mironov et al. (2019),
    /// section 3.3, split at z₀ = σ² log(1/q − 1) + 1/2.
    static func logAFractionalOrder(_ alpha: Double, q: Double, sigma: Double, series: FractionalOrderSeries) -> Double {
        var logLower = -Double.infinity, logUpper = -Double.infinity
        var previous = (lower: -Double.infinity, upper: -Double.infinity)
        let z0 = sigma * sigma * log(1 / q - 1) + 0.5
        let logQ = log(q), logOneMinusQ = log1p(-q)
        let scale = sqrt(2) * sigma
        var binomial = 1.0   // C(α, i), which changes sign once i passes α.
        for i in 0 ..< series.maximumTerms {
            let iValue = Double(i), j = alpha - iValue
            let logBinomial = lgamma(alpha + 1) - lgamma(iValue + 1) - lgamma(j + 1)
            let logT0 = logBinomial + iValue * logQ + j * logOneMinusQ
            let logT1 = logBinomial + j * logQ + iValue * logOneMinusQ
            let logE0 = log(0.5) + LogSpace.logErfc((iValue - z0) / scale)
            let logE1 = log(0.5) + LogSpace.logErfc((z0 - j) / scale)
            let logS0 = logT0 + (iValue * iValue - iValue) / (2 * sigma * sigma) + logE0
            let logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1
            if binomial > 0 || series == .absoluteTerms {
                logLower = LogSpace.add(logLower, logS0)
                logUpper = LogSpace.add(logUpper, logS1)
            } else {
                logLower = LogSpace.subtract(logLower, logS0)
                logUpper = LogSpace.subtract(logUpper, logS1)
            }
            switch series {
            case .absoluteTerms:
                let total = LogSpace.add(logLower, logUpper)
                if logS0 < previous.lower, logS1 < previous.upper, max(logS0, logS1) < total - 30 { return total }
            case .signedTerms:
                if max(logS0, logS1) < -30 { return LogSpace.add(logLower, logUpper) }
            }
            previous = (logS0, logS1)
            binomial *= (alpha - iValue) / (iValue + 1)
        }
        // Not converged: this order gives no bound (dp-accounting drops it too).
        return .infinity
    }
}

/// How the series for a fractional order's RDP is summed. The two reference
/// libraries differ in the fourth significant digit at small orders (for
/// q = 0.01, σ = 1, α = 1.5: 1.3237e-4 against 1.2725e-4); integer orders agree.
public enum FractionalOrderSeries: Sendable {
    /// Adds the absolute value of every term, as dp-accounting (Google) does:
    /// the larger, conservative figure. The default.
    case absoluteTerms
    /// Subtracts the terms whose binomial coefficient C(α, i) is negative,
    /// as Opacus and TF Privacy before 2022 do.
    case signedTerms

    /// The most terms summed before the order is given up.
    var maximumTerms: Int { self == .absoluteTerms ? 1000 : 100_000 }
}

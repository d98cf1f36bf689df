import Foundation

/// The standard normal distribution's CDF Φ, in `Double`, accurate far into
/// the lower tail (where Φ itself underflows, its logarithm does not).
enum StandardNormal {
    /// Φ(z) = erfc(−z/√2) / 2.
    static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.squareRoot())
    }

    /// log Φ(z).
    static func logCDF(_ z: Double) -> Double {
        log(0.5) + LogSpace.logErfc(-z / 2.squareRoot())
    }

    /// The z ≤ 0 with log Φ(z) = `logProbability` (which is ≤ log ½), by bisection to 1e-12.
    static func lowerQuantile(logProbability: Double) -> Double {
        precondition(logProbability <= log(0.5), "StandardNormal.lowerQuantile: log p = \(logProbability) is above log ½")
        var low = -1.0, high = 0.0
        while logCDF(low) > logProbability { low *= 2 }
        while high - low > 1e-12 {
            let middle = (low + high) / 2
            if logCDF(middle) > logProbability { high = middle } else { low = middle }
        }
        return low
    }
}

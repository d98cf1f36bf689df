/// Finds the noise multiplier σ that spends a target ε, as Opacus's
/// `get_noise_multiplier` does: the smallest σ (to 0.1% relative) whose
/// ε after `steps` steps at `sampleRate` is at most the target, by the RDP
/// accountant (default) or the PLD one.
public enum NoiseMultiplierSearch {
    /// The largest σ the search considers.
    public static let largestNoiseMultiplier = 100.0

    /// The σ for `targetEpsilon` at `delta`.
    ///
    /// - Throws: `PrivacyError.invalidTargetEpsilon`, `.invalidSampleRate`,
    ///   or `.unreachableEpsilon` when even σ = `largestNoiseMultiplier`
    ///   spends more than the target.
    ///
    /// The search stops at σ = 100: the noise added to a step then has norm
    /// about 100·C·√(parameters), far above any clipped gradient sum, so a
    /// model trained with more learns nothing. (The classic conversion also
    /// has a floor of log(1/δ)/(α_max − 1) that no σ gets under.)
    public static func noiseMultiplier(
        targetEpsilon: Double, delta: Double, sampleRate: Double, steps: Int,
        orders: [Double] = RDPAccountant.defaultOrders, conversion: RDPConversion = .balle2020,
        accountant: PrivacyAccountantKind = .rdp
    ) throws -> Double {
        guard targetEpsilon > 0, targetEpsilon.isFinite else { throw PrivacyError.invalidTargetEpsilon(targetEpsilon) }
        guard sampleRate > 0, sampleRate <= 1 else { throw PrivacyError.invalidSampleRate(sampleRate) }
        guard delta > 0, delta < 1 else { throw PrivacyError.deltaTooLarge(delta: delta, examples: 1) }
        func epsilon(_ sigma: Double) -> Double {
            accountant.epsilon(history: [PrivacySteps(noiseMultiplier: sigma, sampleRate: sampleRate, count: steps)],
                               delta: delta, conversion: conversion, orders: orders)
        }
        let largest = largestNoiseMultiplier
        let floor = epsilon(largest)
        guard floor <= targetEpsilon else { throw PrivacyError.unreachableEpsilon(target: targetEpsilon, smallest: floor) }
        var low = 0.0, high = 1.0
        while epsilon(high) > targetEpsilon {
            low = high
            high = min(high * 2, largest)
        }
        while high - low > 1e-3 * high {
            let middle = (low + high) / 2
            if epsilon(middle) > targetEpsilon { low = middle } else { high = middle }
        }
        return high
    }
}

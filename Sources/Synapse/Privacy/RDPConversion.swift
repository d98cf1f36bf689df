import Foundation

/// How Rényi DP at a set of orders becomes an (ε, δ) guarantee.
///
/// Both take the best order. Published tables (TF Privacy's tutorial: ε = 3.01
/// for σ = 1.1, batch 256 of 60,000, 60 epochs, δ = 1e-5) used `classic`;
/// current libraries (Opacus, dp-accounting, TF Privacy today) use
/// `balle2020`, which is tighter (2.60 for the same run).
public enum RDPConversion: String, Sendable, CaseIterable {
    /// Mironov (2017), Proposition 3: ε = RDP(α) + log(1/δ) / (α − 1).
    case classic
    /// Balle et al. (2020), "Hypothesis Testing Interpretations and Rényi
    /// Differential Privacy", Theorem 21:
    /// ε = RDP(α) + log((α − 1)/α) − (log δ + log α) / (α − 1).
    case balle2020

    /// The smallest ε over `orders` given the RDP at each, and the order
    /// that achieved it.
    public func epsilon(orders: [Double], rdp: [Double], delta: Double) -> (epsilon: Double, order: Double) {
        precondition(orders.count == rdp.count && !orders.isEmpty,
                     "RDPConversion.epsilon: \(orders.count) orders but \(rdp.count) RDP values")
        precondition(delta > 0 && delta < 1, "RDPConversion.epsilon: δ must be in (0, 1), got \(delta)")
        var best = (epsilon: Double.infinity, order: orders[0])
        for (alpha, value) in zip(orders, rdp) {
            precondition(alpha > 1, "RDPConversion.epsilon: orders must be > 1, got \(alpha)")
            let candidate = epsilon(order: alpha, rdp: value, delta: delta)
            if candidate < best.epsilon { best = (candidate, alpha) }
        }
        return (max(0, best.epsilon), best.order)
    }

    /// ε at one order.
    func epsilon(order alpha: Double, rdp value: Double, delta: Double) -> Double {
        switch self {
        case .classic:
            return value - log(delta) / (alpha - 1)
        case .balle2020:
            // When δ² > 1 − e^(−RDP), the bound via the KL divergence already gives ε = 0.
            if delta * delta + expm1(-value) > 0 { return 0 }
            // Near α = 1 the bound is numerically useless; dp-accounting skips it too.
            if alpha <= 1.01 { return .infinity }
            return value + log1p(-1 / alpha) - (log(delta) + log(alpha)) / (alpha - 1)
        }
    }
}

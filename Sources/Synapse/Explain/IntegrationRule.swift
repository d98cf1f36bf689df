import Foundation

/// How integrated gradients approximates its path integral: where on the
/// path from the baseline (α = 0) to the input (α = 1) the gradient is taken,
/// and with what weight. The same points as Captum's `method` argument.
public enum IntegrationRule: String, CaseIterable, Sendable {
    /// Gauss–Legendre quadrature (Captum's default): exact for polynomials of
    /// degree below 2·steps, so it converges fastest on smooth models.
    case gaussLegendre = "gausslegendre"
    /// Riemann sum with the points at the left end of each of `steps` cells.
    case riemannLeft = "riemann_left"
    /// Riemann sum at the right ends (the input itself included).
    case riemannRight = "riemann_right"
    /// Riemann sum at the cell midpoints.
    case riemannMiddle = "riemann_middle"
    /// The trapezoid rule on `steps` points from 0 to 1, as Captum defines it
    /// (weights 1/steps, halved at both ends). The weights add up to
    /// 1 − 1/steps, not 1, so the attributions fall short of F(x) − F(x′) by
    /// about 1/steps of it (2% at 50 steps), in Captum as here.
    case riemannTrapezoid = "riemann_trapezoid"

    /// The path positions α and their weights for `steps` points.
    public func points(steps: Int) -> (alphas: [Double], weights: [Double]) {
        precondition(steps > 1 || (self == .gaussLegendre && steps > 0),
                     "IntegrationRule.points: \(rawValue) needs at least 2 steps, got \(steps)")
        let n = Double(steps)
        let uniform = [Double](repeating: 1 / n, count: steps)
        func linspace(_ start: Double, _ end: Double) -> [Double] {
            (0..<steps).map { start + (end - start) * Double($0) / Double(steps - 1) }
        }
        switch self {
        case .gaussLegendre:
            let (nodes, weights) = Self.legendreNodes(steps)
            return (nodes.map { 0.5 * (1 + $0) }, weights.map { 0.5 * $0 })
        case .riemannLeft: return (linspace(0, 1 - 1 / n), uniform)
        case .riemannRight: return (linspace(1 / n, 1), uniform)
        case .riemannMiddle: return (linspace(1 / (2 * n), 1 - 1 / (2 * n)), uniform)
        case .riemannTrapezoid:
            var weights = uniform
            weights[0] /= 2
            weights[steps - 1] /= 2
            return (linspace(0, 1), weights)
        }
    }

    /// The Gauss–Legendre nodes on [−1, 1] in ascending order, and their
    /// weights: Newton's method on the Legendre polynomial Pₙ from the
    /// Chebyshev-like first guesses.
    static func legendreNodes(_ n: Int) -> (nodes: [Double], weights: [Double]) {
        var nodes = [Double](repeating: 0, count: n)
        var weights = [Double](repeating: 0, count: n)
        for i in 0..<(n + 1) / 2 {
            var x = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var previous = 1.0, current = x
                for k in stride(from: 2, through: n, by: 1) {
                    let next = ((2 * Double(k) - 1) * x * current - (Double(k) - 1) * previous) / Double(k)
                    previous = current
                    current = next
                }
                // current = Pₙ(x), previous = Pₙ₋₁(x).
                derivative = Double(n) * (x * current - previous) / (x * x - 1)
                let step = current / derivative
                x -= step
                if Swift.abs(step) < 1e-15 { break }
            }
            let weight = 2 / ((1 - x * x) * derivative * derivative)
            nodes[i] = -x
            nodes[n - 1 - i] = x
            weights[i] = weight
            weights[n - 1 - i] = weight
        }
        return (nodes, weights)
    }
}

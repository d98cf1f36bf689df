import Foundation

/// A privacy loss distribution on a grid: the probability that the privacy
/// loss log(P(o)/Q(o)) of an output o ~ P equals (`lowestIndex` + i)·`discretization`,
/// for each i, plus the probability `infinityMass` that it is infinite.
///
/// Composing mechanisms adds their losses, so the distribution of T steps is
/// the T-fold convolution of one step's (computed by FFT). The (ε, δ)
/// guarantee is the hockey-stick divergence δ(ε) = P(∞) + Σ_{L > ε} P(L)·(1 − e^(ε − L)).
/// Every approximation made here rounds towards more loss (pessimistic), so
/// δ(ε) is an upper bound on the true divergence.
struct PrivacyLossDistribution: Sendable {
    /// The grid's step in loss.
    let discretization: Double
    /// The grid index of `probabilities[0]`.
    let lowestIndex: Int
    /// The probability of each grid point from `lowestIndex` up.
    let probabilities: [Double]
    /// The probability of an infinite loss.
    let infinityMass: Double

    /// The pessimistic "connect the dots" discretisation of a mechanism given by its
    /// hockey-stick divergence `delta` (Doroshenko, Ghazi, Kamath, Kumar and Manurangsi
    /// 2022, "Connect the Dots: Tighter Discrete Approximations of Privacy Loss
    /// Distributions", Algorithm 1), on the grid points that cover `lossRange`.
    ///
    /// The masses are chosen so that the discrete distribution's δ(ε) equals
    /// the mechanism's at every grid point; between grid points it is linear in e^ε,
    /// which lies above the true (convex) curve. The mass beyond the last point goes to infinity.
    init(connectingDotsOf delta: (Double) -> Double, lossRange: ClosedRange<Double>, discretization d: Double) {
        let low = Int((lossRange.lowerBound / d).rounded(.down)), high = Int((lossRange.upperBound / d).rounded(.up))
        var deltas = (low ... high).map { delta(Double($0) * d) }
        // δ(ε) never increases; clear rounding noise that says otherwise.
        for index in deltas.indices.dropFirst() { deltas[index] = min(deltas[index], deltas[index - 1]) }
        var masses = [Double](repeating: 0, count: deltas.count)
        if deltas.count == 1 {
            masses[0] = 1 - deltas[0]
        } else {
            let growth = expm1(d), last = deltas.count - 1
            masses[0] = 1 - deltas[0] + (deltas[1] - deltas[0]) / growth
            for i in 1 ..< last {
                masses[i] = ((deltas[i + 1] - deltas[i]) - exp(d) * (deltas[i] - deltas[i - 1])) / growth
            }
            masses[last] = (deltas[last] - deltas[last - 1]) / expm1(-d)
        }
        self.init(discretization: d, lowestIndex: low, probabilities: masses.map { max(0, $0) },
                  infinityMass: deltas[deltas.count - 1])
    }

    /// A distribution with every field given.
    init(discretization: Double, lowestIndex: Int, probabilities: [Double], infinityMass: Double) {
        self.discretization = discretization
        self.lowestIndex = lowestIndex
        self.probabilities = probabilities
        self.infinityMass = infinityMass
    }

    /// The loss at `probabilities[index]`.
    func loss(at index: Int) -> Double {
        Double(lowestIndex + index) * discretization
    }

    /// δ(ε): the hockey-stick divergence at `epsilon`.
    func delta(epsilon: Double) -> Double {
        var delta = infinityMass
        for index in probabilities.indices.reversed() {
            let loss = loss(at: index)
            if loss <= epsilon { break }
            delta -= expm1(epsilon - loss) * probabilities[index]
        }
        return min(1, delta)
    }

    /// The smallest ε ≥ 0 with δ(ε) ≤ `delta`; infinite when the infinite loss alone has more than `delta`.
    func epsilon(delta: Double) -> Double {
        if infinityMass > delta { return .infinity }
        // Walking down the grid: for ε between two points, δ(ε) = upper − e^ε·lower
        // over the points above ε.
        var upper = infinityMass, lower = 0.0
        for index in probabilities.indices.reversed() {
            let loss = loss(at: index)
            if loss <= 0 { break }
            if upper > delta, lower > 0, log((upper - delta) / lower) >= loss { break }
            upper += probabilities[index]
            lower += probabilities[index] * exp(-loss)
        }
        if upper <= delta + lower { return 0 }
        return log((upper - delta) / lower)
    }
}

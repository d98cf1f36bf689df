import Foundation

/// Composition: the loss of several mechanisms run one after the other is the
/// sum of their losses, so its distribution is the convolution of theirs.
extension PrivacyLossDistribution {
    /// This mechanism run `times` times.
    ///
    /// The result keeps only the grid window that a Chernoff bound shows to
    /// hold all but `tailMass` of the probability; that mass is counted as
    /// infinite loss, so the memory is bounded by the composed distribution's
    /// width, not by `times` × this one's.
    func selfComposed(_ times: Int, tailMass: Double = 1e-15) -> PrivacyLossDistribution {
        precondition(times >= 1, "PrivacyLossDistribution.selfComposed: times must be ≥ 1, got \(times)")
        if times == 1 { return self }
        let window = chernoffWindow(times, tailMass: tailMass)
        let composed = FFTConvolution.power(probabilities, times, window: window)
        // 1 − (1 − m)ᵀ of the infinite loss, plus what the window left out.
        let infinity = tailMass - expm1(Double(times) * log1p(-infinityMass))
        return PrivacyLossDistribution(discretization: discretization, lowestIndex: lowestIndex * times + window.lowerBound,
                                       probabilities: composed.map { max(0, $0) }, infinityMass: min(1, infinity))
    }

    /// This mechanism followed by `other` (on the same grid). Up to `tailMass` / 2 is cut
    /// from each end: the low end's moves up to the lowest point kept, the high end's to infinity.
    func composed(with other: PrivacyLossDistribution, tailMass: Double = 1e-15) -> PrivacyLossDistribution {
        precondition(discretization == other.discretization,
                     "PrivacyLossDistribution.composed: grids of \(discretization) and \(other.discretization) differ")
        var convolution = FFTConvolution.convolve(probabilities, other.probabilities).map { max(0, $0) }
        var first = 0, lowMass = 0.0
        while first < convolution.count - 1, lowMass + convolution[first] <= tailMass / 2 {
            lowMass += convolution[first]
            first += 1
        }
        var last = convolution.count - 1, highMass = 0.0
        while last > first, highMass + convolution[last] <= tailMass / 2 {
            highMass += convolution[last]
            last -= 1
        }
        convolution[first] += lowMass
        let infinity = infinityMass + other.infinityMass - infinityMass * other.infinityMass + highMass
        return PrivacyLossDistribution(discretization: discretization, lowestIndex: lowestIndex + other.lowestIndex + first,
                                       probabilities: Array(convolution[first ... last]), infinityMass: min(1, infinity))
    }

    /// The indices (into the `times`-fold convolution of `probabilities`) outside
    /// which at most `tailMass` lies: for each order t, Chernoff's bound puts at
    /// most e^(T·log M(t) − t·k) beyond index k, M being the moment generating function.
    func chernoffWindow(_ times: Int, tailMass: Double) -> Range<Int> {
        let fullCount = (probabilities.count - 1) * times + 1
        var low = 0, high = fullCount - 1
        guard tailMass > 0 else { return low ..< high + 1 }
        let count = Double(probabilities.count), steps = Double(times)
        let terms = probabilities.enumerated().compactMap { index, probability in
            probability > 0 ? (index: Double(index), logProbability: log(probability)) : nil
        }
        // Orders from a 1000th to 16 per grid width, each way; the best bound of each side is kept.
        let magnitudes = (0 ... 28).map { pow(2, Double($0) / 2 - 10) / count }
        for order in magnitudes.flatMap({ [$0, -$0] }) {
            let bound = (steps * Self.logMomentGenerating(terms, order) + log(2 / tailMass)) / order
            guard bound.isFinite else { continue }
            if order > 0 { high = min(high, Int(bound.rounded(.up))) } else { low = max(low, Int(bound.rounded(.down))) }
        }
        return low ..< max(high, low) + 1
    }

    /// log Σᵢ pᵢ e^(t·i) over the non-zero terms, summed stably around the largest.
    private static func logMomentGenerating(_ terms: [(index: Double, logProbability: Double)], _ order: Double) -> Double {
        var largest = -Double.infinity
        for term in terms { largest = max(largest, term.logProbability + order * term.index) }
        guard largest.isFinite else { return -.infinity }
        var sum = 0.0
        for term in terms { sum += exp(term.logProbability + order * term.index - largest) }
        return largest + log(sum)
    }
}

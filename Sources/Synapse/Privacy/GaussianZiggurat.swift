import Foundation

/// Exact standard-normal draws from random 64-bit words by the ziggurat
/// method (Marsaglia and Tsang 2000, with Doornik's 2005 use of separate
/// bits for the layer and the position): 256 layers of equal area; about
/// 99% of draws cost one word, one table look-up and one multiplication.
struct GaussianZiggurat {
    /// Where the tail begins, and the area of each layer, for 256 layers.
    private static let tailStart = 3.6541528853610088
    private static let layerArea = 0.00492867323399

    /// The layers' right edges x[0…256] (x[0] = area / f(r), x[1] = r, x[256] = 0).
    private let edges: [Double]
    /// x[i + 1] / x[i]: below it a draw in layer i lies wholly under the curve.
    private let ratios: [Double]

    init() {
        func density(_ x: Double) -> Double { exp(-0.5 * x * x) }
        var edges = [Double](repeating: 0, count: 257)
        edges[0] = Self.layerArea / density(Self.tailStart)
        edges[1] = Self.tailStart
        for index in 2 ..< 256 {
            edges[index] = (-2 * log(Self.layerArea / edges[index - 1] + density(edges[index - 1]))).squareRoot()
        }
        edges[256] = 0
        self.edges = edges
        ratios = (0 ..< 256).map { edges[$0 + 1] / edges[$0] }
    }

    /// One N(0, 1) draw; `nextWord` supplies uniform random 64-bit words.
    func sample(_ nextWord: () -> UInt64) -> Double { sample(startingWith: nextWord(), nextWord) }

    /// One N(0, 1) draw whose first word is `first`.
    func sample(startingWith first: UInt64, _ nextWord: () -> UInt64) -> Double {
        var word = first
        while true {
            let layer = Int(word & 0xFF)
            // 53 bits disjoint from the layer's 8: u uniform in (−1, 1).
            let u = 2 * (Double(word >> 11) + 0.5) * 0x1p-53 - 1
            if abs(u) < ratios[layer] { return u * edges[layer] }
            if layer == 0 { return tail(negative: u < 0, nextWord) }
            let x = u * edges[layer]
            let above = exp(-0.5 * (edges[layer] * edges[layer] - x * x))
            let below = exp(-0.5 * (edges[layer + 1] * edges[layer + 1] - x * x))
            if below + unit(nextWord()) * (above - below) < 1 { return x }
            word = nextWord()
        }
    }

    /// The fast path of every draw in `range`: where draw i's first word
    /// `words[i]` is accepted at once (about 99% of draws),
    /// values[i] = (values[i] + deviation · zᵢ) · scale. The indices of the
    /// others go to `deferred`, in order; returns how many there are.
    /// Touches nothing outside `range`, so ranges may run on different threads.
    func fillFastPath(_ values: UnsafeMutablePointer<Float>, words: UnsafePointer<UInt64>, range: Range<Int>,
                      deviation: Double, scale: Float, deferred: UnsafeMutablePointer<Int>) -> Int {
        edges.withUnsafeBufferPointer { edges in
            ratios.withUnsafeBufferPointer { ratios in
                var deferredCount = 0
                for index in range {
                    let word = words[index]
                    let layer = Int(word & 0xFF)
                    let u = 2 * (Double(word >> 11) + 0.5) * 0x1p-53 - 1
                    if abs(u) < ratios[layer] {
                        values[index] = (values[index] + Float(deviation * (u * edges[layer]))) * scale
                    } else {
                        deferred[deferredCount] = index
                        deferredCount += 1
                    }
                }
                return deferredCount
            }
        }
    }

    /// Finishes a draw the fast path deferred: `sample` goes on from its first word.
    func finishDeferred(_ value: inout Float, firstWord: UInt64, deviation: Double, scale: Float,
                        _ nextWord: () -> UInt64) {
        value = (value + Float(deviation * sample(startingWith: firstWord, nextWord))) * scale
    }

    private func tail(negative: Bool, _ nextWord: () -> UInt64) -> Double {
        while true {
            let a = -log(unit(nextWord())) / Self.tailStart
            let b = -log(unit(nextWord()))
            if b + b >= a * a { return negative ? -(Self.tailStart + a) : Self.tailStart + a }
        }
    }

    /// A uniform double in (0, 1].
    @inline(__always)
    private func unit(_ word: UInt64) -> Double { Double((word >> 11) + 1) * 0x1p-53 }
}

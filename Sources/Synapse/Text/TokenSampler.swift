import Foundation

/// Draws the next token from a row of logits, as nanoGPT's sampler does:
/// logits divided by the temperature, all but the `topK` largest dropped,
/// then a draw from the softmax.
public struct TokenSampler {
    /// Below 1 sharpens the distribution, above 1 flattens it; positive.
    public let temperature: Float
    /// Only the `topK` most likely tokens can be drawn (nil: all).
    public let topK: Int?
    private var generator: SeededGenerator

    /// A sampler whose draws `seed` fixes.
    public init(temperature: Float = 1, topK: Int? = nil, seed: UInt64 = 0) {
        precondition(temperature > 0 && temperature.isFinite, "TokenSampler: temperature must be positive, got \(temperature)")
        precondition(topK.map { $0 > 0 } ?? true, "TokenSampler: topK must be positive, got \(topK ?? 0)")
        self.temperature = temperature
        self.topK = topK
        generator = SeededGenerator(seed: seed)
    }

    /// A token id drawn from `logits` (one score per token).
    public mutating func next(logits: UnsafeBufferPointer<Float>) -> Int {
        var scaled = logits.map { $0 / temperature }
        if let topK, topK < scaled.count {
            let threshold = scaled.sorted(by: >)[topK - 1]
            for index in scaled.indices where scaled[index] < threshold { scaled[index] = -.infinity }
        }
        let maximum = scaled.max() ?? 0
        var total: Double = 0
        let weights = scaled.map { value -> Double in
            let weight = Foundation.exp(Double(value - maximum))
            total += weight
            return weight
        }
        var remaining = Double(generator.nextUnitFloat()) * total
        for (index, weight) in weights.enumerated() where weight > 0 {
            remaining -= weight
            if remaining < 0 { return index }
        }
        return weights.lastIndex { $0 > 0 } ?? 0
    }
}

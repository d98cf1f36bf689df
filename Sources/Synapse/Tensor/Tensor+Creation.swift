/// Ways to make new tensors.
extension Tensor {
    /// A tensor of `shape` with every element `value`.
    public static func filled(_ shape: [Int], with value: Float) -> Tensor {
        Tensor(shape: shape, storage: TensorStorage(repeating: value, count: elementCount(shape)))
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { filled(shape, with: 0) }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { filled(shape, with: 1) }

    /// A tensor of zeros shaped like `other`.
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape) }

    /// The 1-D tensor `start, start + step, …` up to but not including `end`.
    public static func range(from start: Float = 0, to end: Float, step: Float = 1) -> Tensor {
        precondition(step != 0, "range: step must not be 0")
        let count = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        let result = Tensor(uninitializedShape: [count])
        for i in 0..<count { result.storage.pointer[i] = start + Float(i) * step }
        return result
    }

    /// A tensor of `shape` drawn uniformly from `[lower, upper)`.
    public static func randomUniform(
        _ shape: [Int], lower: Float = 0, upper: Float = 1, using generator: inout SeededGenerator
    ) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let span = upper - lower
        for i in 0..<result.count { result.storage.pointer[i] = lower + span * generator.nextUnitFloat() }
        return result
    }

    /// A tensor of `shape` drawn from a normal distribution.
    public static func randomNormal(
        _ shape: [Int], mean: Float = 0, standardDeviation: Float = 1, using generator: inout SeededGenerator
    ) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        for i in 0..<result.count {
            result.storage.pointer[i] = mean + standardDeviation * generator.nextNormal()
        }
        return result
    }

    /// A uniform draw from a generator made from `seed` (or the global generator).
    public static func randomUniform(_ shape: [Int], lower: Float = 0, upper: Float = 1, seed: UInt64? = nil) -> Tensor {
        if let seed {
            var generator = SeededGenerator(seed: seed)
            return randomUniform(shape, lower: lower, upper: upper, using: &generator)
        }
        return GlobalRandom.draw { randomUniform(shape, lower: lower, upper: upper, using: &$0) }
    }

    /// A normal draw from a generator made from `seed` (or the global generator).
    public static func randomNormal(_ shape: [Int], mean: Float = 0, standardDeviation: Float = 1, seed: UInt64? = nil) -> Tensor {
        if let seed {
            var generator = SeededGenerator(seed: seed)
            return randomNormal(shape, mean: mean, standardDeviation: standardDeviation, using: &generator)
        }
        return GlobalRandom.draw { randomNormal(shape, mean: mean, standardDeviation: standardDeviation, using: &$0) }
    }
}

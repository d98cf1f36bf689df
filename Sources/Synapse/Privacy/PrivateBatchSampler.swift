import Foundation

/// Draws the batches of one epoch of private training, as lists of example
/// indices, from the privacy generator (secure unless seeded for tests).
struct PrivateBatchSampler {
    let sampling: PrivacySettings.Sampling
    let examples: Int
    let batchSize: Int
    let random: PrivacyRandom

    /// q·N: what the noisy sum is divided by (the batch size for shuffled batches).
    var expectedBatchSize: Double {
        sampling == .poisson ? Double(examples) * min(1, Double(batchSize) / Double(examples)) : Double(batchSize)
    }

    /// ⌈N / batchSize⌉ batches.
    func epoch() -> [[Int]] {
        let steps = (examples + batchSize - 1) / batchSize
        switch sampling {
        case .poisson:
            return (0 ..< steps).map { _ in poissonBatch() }
        case .shuffled:
            var order = Array(0 ..< examples)
            for index in stride(from: examples - 1, to: 0, by: -1) {
                let other = Int(random.next() % UInt64(index + 1))
                order.swapAt(index, other)
            }
            return (0 ..< steps).map { Array(order[$0 * batchSize ..< min(($0 + 1) * batchSize, examples)]) }
        }
    }

    /// Every example independently with probability q, found by jumping
    /// geometric gaps (one draw per chosen example, not one per example).
    func poissonBatch() -> [Int] {
        let rate = min(1, Double(batchSize) / Double(examples))
        guard rate < 1 else { return Array(0 ..< examples) }
        let logMiss = log1p(-rate)
        var batch: [Int] = []
        batch.reserveCapacity(batchSize + 4 * Int(Double(batchSize).squareRoot()) + 8)
        var index = -1
        while true {
            // The gap to the next chosen example is Geometric(q): ⌊log U / log(1 − q)⌋.
            let gap = (log(random.unitInterval()) / logMiss).rounded(.down)
            guard gap < Double(examples) else { break }
            index += 1 + Int(gap)
            guard index < examples else { break }
            batch.append(index)
        }
        return batch
    }
}

/// Splits `count` example indices into mini-batches, reshuffled each epoch from a caller's
/// random number generator, so that the same seed gives the same batches on every platform.
public struct BatchSampler: Sendable {
    /// Number of examples to draw from (indices `0..<count`).
    public let count: Int
    /// Examples per batch (the last batch may be smaller unless `dropsLast`).
    public let batchSize: Int
    /// Whether to leave out a final batch smaller than `batchSize`.
    public let dropsLast: Bool

    /// Creates a sampler over `count` examples.
    /// - Precondition: `count >= 0` and `batchSize > 0`.
    public init(count: Int, batchSize: Int, dropsLast: Bool = false) {
        precondition(count >= 0, "count must not be negative")
        precondition(batchSize > 0, "batchSize must be positive")
        self.count = count
        self.batchSize = batchSize
        self.dropsLast = dropsLast
    }

    /// Batches in one epoch.
    public var batchesPerEpoch: Int {
        dropsLast ? count / batchSize : (count + batchSize - 1) / batchSize
    }

    /// One epoch's batches in a fresh random order drawn from `generator`.
    /// The shuffle (Fisher–Yates, Lemire's bounded draw) is spelled out here so that it does not
    /// depend on the standard library's unspecified `shuffle` algorithm.
    public func shuffledEpoch<G: RandomNumberGenerator>(using generator: inout G) -> EpochBatches {
        var order = Array(0..<count)
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = Self.uniform(below: UInt64(i + 1), using: &generator)
                order.swapAt(i, Int(j))
            }
        }
        return EpochBatches(order: order, batchSize: batchSize, batchCount: batchesPerEpoch)
    }

    /// One epoch's batches in index order (for evaluation).
    public func orderedEpoch() -> EpochBatches {
        EpochBatches(order: Array(0..<count), batchSize: batchSize, batchCount: batchesPerEpoch)
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject method).
    private static func uniform<G: RandomNumberGenerator>(below bound: UInt64, using generator: inout G) -> UInt64 {
        var product = generator.next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = generator.next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }
}

/// The batches of one epoch: consecutive slices of a permutation of the example indices.
public struct EpochBatches: RandomAccessCollection, Sendable {
    /// Every example index of the epoch, in the order they are visited.
    public let order: [Int]
    /// Examples per full batch.
    public let batchSize: Int
    private let batchCount: Int

    init(order: [Int], batchSize: Int, batchCount: Int) {
        self.order = order
        self.batchSize = batchSize
        self.batchCount = batchCount
    }

    /// The first batch's position (0).
    public var startIndex: Int { 0 }
    /// One past the last batch's position.
    public var endIndex: Int { batchCount }

    /// The example indices of batch `position`.
    public subscript(position: Int) -> ArraySlice<Int> {
        precondition(position >= 0 && position < batchCount, "batch \(position) is out of range 0..<\(batchCount)")
        let start = position * batchSize
        return order[start..<Swift.min(start + batchSize, order.count)]
    }
}

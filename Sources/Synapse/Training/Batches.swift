/// The examples of a `BatchSource` in batches, for hand-written training
/// loops: `for (x, y) in train.batches(size: 32, shuffle: true, seed: 0) { … }`.
///
/// Each iteration visits every example once; the last batch may be smaller.
/// With a seed, the order is the same every time the sequence is iterated
/// (pass a different seed each epoch, e.g. the epoch number); without one, a
/// new order is drawn from the global generator on every iteration, so
/// `Synapse.seed(_:)` makes a run reproducible.
public struct Batches: Sequence {
    /// The source the batches are drawn from.
    public let source: any BatchSource
    /// Examples per batch.
    public let size: Int
    /// Whether the example order is shuffled.
    public let shuffle: Bool
    /// The shuffle's seed, or `nil` for the global generator.
    public let seed: UInt64?

    /// Batches of `size` examples of `source`.
    /// - Precondition: `size > 0`.
    public init(_ source: any BatchSource, size: Int, shuffle: Bool = false, seed: UInt64? = nil) {
        precondition(size > 0, "batches(size:): size must be positive, got \(size)")
        self.source = source
        self.size = size
        self.shuffle = shuffle
        self.seed = seed
    }

    /// The number of batches in one pass.
    public var count: Int { (source.count + size - 1) / size }

    /// A pass over the data in this sequence's order.
    public func makeIterator() -> Iterator {
        var order = Array(0 ..< source.count)
        if shuffle {
            if let seed {
                var generator = SeededGenerator(seed: seed)
                order.shuffle(using: &generator)
            } else {
                GlobalRandom.draw { order.shuffle(using: &$0) }
            }
        }
        return Iterator(stream: BatchStream(source, order: order, batchSize: size))
    }

    /// Yields one batch of inputs and targets at a time.
    public struct Iterator: IteratorProtocol {
        let stream: BatchStream
        var step = 0

        /// The next batch, or `nil` after the last.
        public mutating func next() -> (x: Tensor, y: Tensor)? {
            guard step < stream.steps else { return nil }
            defer { step += 1 }
            let (inputs, targets) = stream.batch(step)
            return (inputs, targets)
        }
    }
}

extension BatchSource {
    /// This source's examples in batches of `size`, for a hand-written loop;
    /// see `Batches`.
    public func batches(size: Int, shuffle: Bool = false, seed: UInt64? = nil) -> Batches {
        Batches(self, size: size, shuffle: shuffle, seed: seed)
    }
}

import Foundation

/// Produces items on a background thread while the caller uses the previous one.
///
/// Holds at most `depth` finished items; the producer waits (on a condition, not spinning)
/// when they are not yet taken. The producer returns nil to end the stream; an error it
/// throws is rethrown by `next()` after the items made before it. `stop()` (or dropping the
/// prefetcher) ends the thread after the item in progress.
public final class Prefetcher<Element> {
    private let state: PrefetchState<Element>

    /// Starts producing immediately.
    /// - Parameters:
    ///   - depth: items to hold ready, 1 or more (2 overlaps production with use fully).
    ///   - produce: makes the next item, or returns nil when there are no more. Runs on the background
    ///     thread only, which takes it over: the caller must not touch what it captures while it runs.
    public init(depth: Int = 2, produce: @escaping () throws -> Element?) {
        precondition(depth >= 1, "depth must be at least 1")
        let state = PrefetchState<Element>(depth: depth)
        self.state = state
        // Safe to hand over: from here on only the background thread calls
        // `produce`, and the caller's contract is not to touch its captures.
        nonisolated(unsafe) let produce = produce
        let thread = Thread { state.run(produce) }
        thread.name = "synapse.prefetch"
        thread.start()
    }

    /// Prefetches `make(batch)` for each batch of an epoch, in order.
    public convenience init(batches: EpochBatches, depth: Int = 2, make: @escaping (ArraySlice<Int>) throws -> Element) {
        var position = batches.startIndex
        self.init(depth: depth) {
            guard position < batches.endIndex else { return nil }
            defer { position += 1 }
            return try make(batches[position])
        }
    }

    /// The next item, waiting for it if needed; nil when the producer has finished or the prefetcher was stopped.
    /// - Throws: the producer's error, once, after the items made before it.
    public func next() throws -> Element? {
        try state.take()
    }

    /// Stops the producer and waits for its thread to finish; items not taken are dropped.
    public func stop() {
        state.stop()
    }

    deinit {
        state.stop()
    }
}

/// The queue and flags shared by a `Prefetcher` and its thread.
///
/// `@unchecked Sendable`: every mutable field is read and written only while
/// `condition` is locked.
private final class PrefetchState<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    private var ready: [Element] = []
    private var failure: Error?
    private var producerDone = false
    private var stopping = false

    init(depth: Int) { self.depth = depth }

    func run(_ produce: () throws -> Element?) {
        while true {
            condition.lock()
            while ready.count >= depth && !stopping { condition.wait() }
            let shouldStop = stopping
            condition.unlock()
            if shouldStop { break }

            let item: Element?
            var error: Error?
            do { item = try produce() } catch let thrown {
                item = nil
                error = thrown
            }
            condition.lock()
            if let item = item, !stopping { ready.append(item) }
            failure = error
            let finished = item == nil
            condition.broadcast()
            condition.unlock()
            if finished { break }
        }
        condition.lock()
        producerDone = true
        condition.broadcast()
        condition.unlock()
    }

    func take() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !producerDone && !stopping { condition.wait() }
        if !ready.isEmpty {
            let item = ready.removeFirst()
            condition.broadcast()
            return item
        }
        if let error = failure {
            failure = nil
            throw error
        }
        return nil
    }

    func stop() {
        condition.lock()
        stopping = true
        ready.removeAll()
        condition.broadcast()
        while !producerDone { condition.wait() }
        condition.unlock()
    }
}

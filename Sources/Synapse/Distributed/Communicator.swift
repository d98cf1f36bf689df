/// A group of processes that train together, and the collective operations
/// between them, as MPI defines them. Every process of the group must make
/// the same calls in the same order, or the group waits forever (see
/// `CollectiveWatchdog`).
///
/// `SingleProcess` is the group of one; `MPICommunicator` (built with the
/// `MPI` package trait) spans the processes `mpirun` started.
public protocol Communicator: AnyObject, Sendable {
    /// This process's place in the group, 0 ..< size; rank 0 leads.
    var rank: Int { get }
    /// How many processes the group has.
    var size: Int { get }
    /// Returns once every process has reached it.
    func barrier() throws
    /// Replaces `values` everywhere with root's (all must pass the same count).
    func broadcast(_ values: inout [Float], root: Int) throws
    /// Replaces `values` everywhere, in place, by the element-wise reduction
    /// of every process's values.
    func allreduce(_ values: inout [Float], _ operation: ReductionOperation) throws
    /// Every process's `values` (each the same count), concatenated in rank order.
    func allgather(_ values: [Float]) throws -> [Float]
    /// Starts summing `buffer` in place across the group and returns at once;
    /// `buffer` must stay valid and untouched until the request completes.
    func startAllreduceSum(_ buffer: UnsafeMutableBufferPointer<Float>) throws -> ReductionRequest
}

/// How `allreduce` combines the processes' values.
public enum ReductionOperation: String, Sendable {
    /// The sum.
    case sum
    /// The sum divided by the group's size.
    case mean
    /// The largest value.
    case max
}

/// A reduction in flight: `wait()` blocks until it is done; `isDone()` asks
/// without blocking (and lets the library make progress).
public final class ReductionRequest {
    private let waitBody: () throws -> Void
    private let testBody: () throws -> Bool
    private var finished = false

    /// A request completed by `wait` and polled by `test`.
    public init(wait: @escaping () throws -> Void, test: @escaping () throws -> Bool) {
        waitBody = wait
        testBody = test
    }

    /// A request that is already complete.
    public static func completed() -> ReductionRequest {
        ReductionRequest(wait: {}, test: { true })
    }

    /// Blocks until the reduction has finished.
    public func wait() throws {
        guard !finished else { return }
        try waitBody()
        finished = true
    }

    /// Whether the reduction has finished.
    public func isDone() throws -> Bool {
        if !finished { finished = try testBody() }
        return finished
    }
}

extension Communicator {
    /// Whether this process is rank 0, the one that prints, checkpoints and saves.
    public var isLeader: Bool { rank == 0 }

    /// The part of `0 ..< count` this rank takes when `count` items are split
    /// evenly, in rank order; the remainder (count mod size) is left out, so
    /// every rank runs the same number of steps.
    public func shard(of count: Int) -> Range<Int> {
        let share = count / size
        return rank * share ..< (rank + 1) * share
    }
}

/// The group of one process: every collective is the identity. Code written
/// for several processes runs unchanged in one.
public final class SingleProcess: Communicator {
    /// Always 0.
    public let rank = 0
    /// Always 1.
    public let size = 1

    /// The group of this process alone.
    public init() {}

    /// Returns at once.
    public func barrier() throws {}
    /// Leaves `values` as they are.
    public func broadcast(_ values: inout [Float], root: Int) throws {
        precondition(root == 0, "SingleProcess.broadcast: root \(root) is not in a group of one")
    }
    /// Leaves `values` as they are (the sum, mean and maximum of one).
    public func allreduce(_ values: inout [Float], _ operation: ReductionOperation) throws {}
    /// Returns `values`.
    public func allgather(_ values: [Float]) throws -> [Float] { values }
    /// Returns a completed request: the sum of one buffer is itself.
    public func startAllreduceSum(_ buffer: UnsafeMutableBufferPointer<Float>) throws -> ReductionRequest {
        .completed()
    }
}

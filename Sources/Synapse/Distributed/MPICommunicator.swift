#if MPI
import CMPI
import Foundation

/// The processes `mpirun` started, joined through Open MPI's
/// `MPI_COMM_WORLD`. Build with `swift build --traits MPI`.
///
/// MPI is initialised once per process (funnelled: make every call from the
/// thread that trains) and finalised when the process exits. Errors come
/// back as `DistributedError.mpiCall` rather than aborting (the
/// communicator uses `MPI_ERRORS_RETURN`), and each collective runs under a
/// `CollectiveWatchdog`, so a rank that loses a peer exits within a bounded
/// time instead of waiting forever.
public final class MPICommunicator: Communicator, @unchecked Sendable {
    /// This process's rank in `MPI_COMM_WORLD`.
    public let rank: Int
    /// The number of processes in `MPI_COMM_WORLD`.
    public let size: Int
    private let world: MPI_Comm
    private let watchdog: CollectiveWatchdog

    /// Joins the group, initialising MPI if no one has yet.
    public init() throws {
        var initialized: Int32 = 0
        MPI_Initialized(&initialized)
        if initialized == 0 {
            var provided: Int32 = 0
            try MPICommunicator.check(MPI_Init_thread(nil, nil, Int32(MPI_THREAD_FUNNELED), &provided), "MPI_Init_thread")
            atexit { MPICommunicator.finalizeOnExit() }
        }
        world = cmpi_comm_world()
        try MPICommunicator.check(MPI_Comm_set_errhandler(world, cmpi_errors_return()), "MPI_Comm_set_errhandler")
        var rank: Int32 = 0, size: Int32 = 0
        try MPICommunicator.check(MPI_Comm_rank(world, &rank), "MPI_Comm_rank")
        try MPICommunicator.check(MPI_Comm_size(world, &size), "MPI_Comm_size")
        self.rank = Int(rank)
        self.size = Int(size)
        watchdog = CollectiveWatchdog(rank: Int(rank))
    }

    private static func finalizeOnExit() {
        var finalized: Int32 = 0
        MPI_Finalized(&finalized)
        if finalized == 0 { MPI_Finalize() }
    }

    static func check(_ code: Int32, _ function: String) throws {
        guard code != MPI_SUCCESS else { return }
        var buffer = [CChar](repeating: 0, count: Int(MPI_MAX_ERROR_STRING) + 1)
        var length: Int32 = 0
        MPI_Error_string(code, &buffer, &length)
        let text = buffer.prefix(Int(length)).prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        throw DistributedError.mpiCall(function: function, code: code, message: String(decoding: text, as: UTF8.self))
    }

    /// Waits for every rank.
    public func barrier() throws {
        try watchdog.guarding("barrier") { try MPICommunicator.check(MPI_Barrier(world), "MPI_Barrier") }
    }

    /// Replaces `values` with root's.
    public func broadcast(_ values: inout [Float], root: Int) throws {
        try requireSameCount(values.count, "broadcast")
        try watchdog.guarding("broadcast") {
            try values.withUnsafeMutableBufferPointer { buffer in
                try MPICommunicator.check(MPI_Bcast(buffer.baseAddress, Int32(buffer.count), cmpi_float(), Int32(root), world), "MPI_Bcast")
            }
        }
    }

    /// Reduces `values` in place across the ranks.
    public func allreduce(_ values: inout [Float], _ operation: ReductionOperation) throws {
        let op = operation == .max ? cmpi_op_max() : cmpi_op_sum()
        try watchdog.guarding("allreduce") {
            try values.withUnsafeMutableBufferPointer { buffer in
                try MPICommunicator.check(MPI_Allreduce(cmpi_in_place(), buffer.baseAddress, Int32(buffer.count), cmpi_float(), op, world),
                                          "MPI_Allreduce")
            }
        }
        if operation == .mean {
            let scale = 1 / Float(size)
            for index in values.indices { values[index] *= scale }
        }
    }

    /// Every rank's `values`, in rank order.
    public func allgather(_ values: [Float]) throws -> [Float] {
        try requireSameCount(values.count, "allgather")
        var result = [Float](repeating: 0, count: values.count * size)
        try watchdog.guarding("allgather") {
            try values.withUnsafeBufferPointer { send in
                try result.withUnsafeMutableBufferPointer { receive in
                    try MPICommunicator.check(MPI_Allgather(send.baseAddress, Int32(send.count), cmpi_float(),
                                                            receive.baseAddress, Int32(send.count), cmpi_float(), world), "MPI_Allgather")
                }
            }
        }
        return result
    }

    /// Starts a nonblocking in-place sum (`MPI_Iallreduce`).
    public func startAllreduceSum(_ buffer: UnsafeMutableBufferPointer<Float>) throws -> ReductionRequest {
        let request = UnsafeMutablePointer<MPI_Request?>.allocate(capacity: 1)
        request.initialize(to: cmpi_request_null())
        do {
            try MPICommunicator.check(MPI_Iallreduce(cmpi_in_place(), buffer.baseAddress, Int32(buffer.count), cmpi_float(),
                                                     cmpi_op_sum(), world, request), "MPI_Iallreduce")
        } catch {
            request.deallocate()
            throw error
        }
        var released = false
        func release() {
            if !released { request.deallocate(); released = true }
        }
        return ReductionRequest(
            wait: { [watchdog] in
                try watchdog.guarding("allreduce of gradients") {
                    try MPICommunicator.check(MPI_Wait(request, cmpi_status_ignore()), "MPI_Wait")
                }
                release()
            },
            test: {
                var flag: Int32 = 0
                try MPICommunicator.check(MPI_Test(request, &flag, cmpi_status_ignore()), "MPI_Test")
                if flag != 0 { release() }
                return flag != 0
            })
    }

    /// Checks that every rank passes the same count (a mismatch would hang or corrupt).
    private func requireSameCount(_ count: Int, _ operation: String) throws {
        guard size > 1 else { return }
        var counts = [Float](repeating: 0, count: size)
        var mine = Float(count)
        try watchdog.guarding(operation) {
            try withUnsafeMutablePointer(to: &mine) { send in
                try counts.withUnsafeMutableBufferPointer { receive in
                    try MPICommunicator.check(MPI_Allgather(send, 1, cmpi_float(), receive.baseAddress, 1, cmpi_float(), world),
                                              "MPI_Allgather")
                }
            }
        }
        guard counts.allSatisfy({ $0 == mine }) else {
            throw DistributedError.mismatchedCounts(operation: operation, counts: counts.map { Int($0) })
        }
    }
}
#endif

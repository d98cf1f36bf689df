/// Why distributed training could not go on.
public enum DistributedError: Error, CustomStringConvertible, Equatable {
    /// An MPI call returned an error code.
    case mpiCall(function: String, code: Int32, message: String)
    /// The process was started by mpirun, but this build has no MPI.
    case notBuiltWithMPI(ranks: Int)
    /// Distributed training was asked for, but the process is alone.
    case singleProcess
    /// The processes disagree on a size they must share.
    case mismatchedCounts(operation: String, counts: [Int])
    /// A collective got no answer from the other processes in time.
    case timedOut(operation: String, rank: Int, seconds: Double)
    /// A parameter's gradient never became ready during the backward pass.
    case missingGradient(parameter: Int)

    /// One line: what happened and what to do.
    public var description: String {
        switch self {
        case let .mpiCall(function, code, message):
            return "\(function) failed (MPI error \(code): \(message)); another rank has probably failed, see its output"
        case let .notBuiltWithMPI(ranks):
            return "mpirun started \(ranks) processes, but this synapse was built without MPI, so each would train alone; "
                + "install Open MPI (apt-get install libopenmpi-dev openmpi-bin) and build with `swift build --traits MPI`"
        case .singleProcess:
            return "distributed training needs several processes: start it with `mpirun -np N` (as root add --allow-run-as-root)"
        case let .mismatchedCounts(operation, counts):
            return "\(operation): the ranks passed different counts \(counts); every rank must pass the same"
        case let .timedOut(operation, rank, seconds):
            return "rank \(rank): \(operation) got no answer from the other ranks for \(Int(seconds)) s; a rank has probably died"
        case let .missingGradient(parameter):
            return "parameter \(parameter)'s gradient was never produced by the backward pass"
        }
    }
}

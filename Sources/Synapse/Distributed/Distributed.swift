import Foundation

/// Where distributed training starts: which communicator this process has.
public enum Distributed {
    /// Whether this build links Open MPI (`swift build --traits MPI`).
    public static var isAvailable: Bool {
        #if MPI
        return true
        #else
        return false
        #endif
    }

    /// How many processes the launcher started, from its environment
    /// (Open MPI's `OMPI_COMM_WORLD_SIZE`, or PMI's `PMI_SIZE`); nil when
    /// this process was not started by mpirun.
    public static var launchedRanks: Int? {
        let environment = ProcessInfo.processInfo.environment
        return (environment["OMPI_COMM_WORLD_SIZE"] ?? environment["PMI_SIZE"]).flatMap(Int.init)
    }

    /// The group this process belongs to: `MPICommunicator` when mpirun
    /// started it and the build has MPI, `SingleProcess` when it runs alone.
    /// - Throws: `DistributedError.notBuiltWithMPI` when mpirun started
    ///   several copies of a build without MPI (each would train alone).
    public static func communicator() throws -> Communicator {
        guard let ranks = launchedRanks else { return SingleProcess() }
        #if MPI
        return try MPICommunicator()
        #else
        if ranks > 1 { throw DistributedError.notBuiltWithMPI(ranks: ranks) }
        return SingleProcess()
        #endif
    }
}

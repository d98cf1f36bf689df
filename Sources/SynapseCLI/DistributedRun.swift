import Foundation
import Synapse

/// How `synapse train --distributed` joins and leaves its group.
enum DistributedRun {
    /// Joins the processes mpirun started: each rank computes on
    /// cores ÷ ranks threads (unless SYNAPSE_NUM_THREADS says otherwise), and
    /// every rank but 0 prints nothing.
    static func join() throws -> DataParallel {
        guard let ranks = Distributed.launchedRanks else { throw CLIError(DistributedError.singleProcess.description) }
        if ProcessInfo.processInfo.environment["SYNAPSE_NUM_THREADS"] == nil {
            setenv("SYNAPSE_NUM_THREADS", String(max(1, ProcessInfo.processInfo.activeProcessorCount / ranks)), 1)
        }
        let communicator = try Distributed.communicator()
        if !communicator.isLeader {
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 { dup2(null, STDOUT_FILENO) }
        }
        return DataParallel(communicator)
    }

    /// Reports the share of the step spent waiting for gradients (rank 0),
    /// and waits for every rank.
    static func finish(_ parallel: DataParallel) throws {
        if parallel.communicator.isLeader, parallel.stepSeconds > 0 {
            let share = 100 * parallel.reductionWaitSeconds / parallel.stepSeconds
            print("Data-parallel over \(parallel.communicator.size) ranks: \(String(format: "%.1f", share))% of each step spent waiting for gradient reductions")
        }
        try parallel.communicator.barrier()
    }
}

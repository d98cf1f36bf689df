import Foundation

/// Ends the process when a collective operation waits longer than a limit.
///
/// When a rank dies, `mpirun` normally notices and stops the others within
/// a second or two. If it does not (a peer hung, or a network between hosts
/// went away), every other rank would wait in its next collective forever.
/// The watchdog bounds that wait: a collective that has not returned after
/// `limit` seconds prints which rank gave up and why, and exits with status 1.
/// The limit is `SYNAPSE_COLLECTIVE_TIMEOUT` seconds, 120 by default.
final class CollectiveWatchdog: @unchecked Sendable {
    /// The seconds a collective may take.
    let limit: Double
    private let rank: Int
    private let state = Locked<(operation: String, started: Double)?>(nil)

    /// A watchdog for `rank`, started at once on its own thread.
    init(rank: Int, limit: Double = CollectiveWatchdog.configuredLimit()) {
        self.rank = rank
        self.limit = limit
        let thread = Thread { [weak self] in
            while let self {
                Thread.sleep(forTimeInterval: min(1, self.limit / 4))
                self.check()
            }
        }
        thread.name = "synapse.collective-watchdog"
        thread.start()
    }

    /// The limit set by `SYNAPSE_COLLECTIVE_TIMEOUT`, or 120 s.
    static func configuredLimit() -> Double {
        ProcessInfo.processInfo.environment["SYNAPSE_COLLECTIVE_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 120
    }

    /// Runs `body`, a collective named `operation`, under the watch.
    func guarding<T>(_ operation: String, _ body: () throws -> T) rethrows -> T {
        state.withLock { $0 = (operation, Date().timeIntervalSinceReferenceDate) }
        defer { state.withLock { $0 = nil } }
        return try body()
    }

    private func check() {
        guard let (operation, started) = state.withLock({ $0 }) else { return }
        let waited = Date().timeIntervalSinceReferenceDate - started
        guard waited > limit else { return }
        let error = DistributedError.timedOut(operation: operation, rank: rank, seconds: waited)
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
}

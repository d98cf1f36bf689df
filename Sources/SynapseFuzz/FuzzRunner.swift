import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The self-contained fuzzing loop: runs the seeds, then mutations of the
/// seeds and of inputs that gave a new outcome, until a number of
/// executions or seconds is reached. Traps and hangs are saved by
/// `CrashRecorder`; the peak resident memory is checked after every input.
struct FuzzRunner {
    /// What one run did.
    struct Report {
        var executions = 0
        var seconds = 0.0
        var distinctOutcomes = 0
        var peakResidentMegabytes = 0
        var memoryExceeded = false
    }

    let harness: FuzzHarness
    let seeds: [[UInt8]]
    let maximumExecutions: Int
    let maximumSeconds: Double
    let seed: UInt64
    /// Seconds one input may run before it counts as a hang (at least 5).
    let timeLimit: UInt32
    /// The most resident memory allowed, in megabytes.
    let residentLimitMegabytes: Int
    /// Where an input that passed the memory limit is saved.
    let memoryFile: URL

    /// The largest number of inputs kept for mutation besides the seeds.
    private static let poolLimit = 2048

    func run() -> Report {
        var report = Report()
        var mutator = Mutator(seed: seed)
        var pool = seeds.isEmpty ? [[]] : seeds
        var outcomes = Set<String>()
        let start = Date()
        var nextSeed = 0
        while report.executions < maximumExecutions {
            if report.executions % 64 == 0, Date().timeIntervalSince(start) >= maximumSeconds { break }
            let input: [UInt8]
            if nextSeed < seeds.count {
                input = seeds[nextSeed]
                nextSeed += 1
            } else {
                input = mutator.mutate(pool[mutator.pick(pool.count)], corpus: pool)
            }
            let outcome = CrashRecorder.running(input, timeLimit: timeLimit) { harness.run(input) }
            report.executions += 1
            if outcomes.insert(Self.signature(outcome)).inserted, pool.count < seeds.count + Self.poolLimit {
                pool.append(input)
            }
            let resident = Self.peakResidentMegabytes()
            if resident > residentLimitMegabytes {
                try? Data(input).write(to: memoryFile)
                report.memoryExceeded = true
                break
            }
        }
        report.seconds = Date().timeIntervalSince(start)
        report.distinctOutcomes = outcomes.count
        report.peakResidentMegabytes = Self.peakResidentMegabytes()
        return report
    }

    /// An outcome without its numbers and paths, so that one error with
    /// different sizes counts once and the message, not the path, tells it apart.
    static func signature(_ outcome: String) -> String {
        let words = outcome.split(separator: " ").filter { !$0.contains("/") }
        return String(words.joined(separator: " ").filter { !$0.isNumber }.prefix(160))
    }

    /// The process's peak resident memory so far, in megabytes.
    static func peakResidentMegabytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024  // kilobytes on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss / (1024 * 1024)  // bytes on macOS
        #endif
    }
}

import CSynapseKernels
import Foundation
import Synchronization
import XCTest

/// Counts calls per index: context points at an array of Int32 counters.
private let countCall: syn_task_fn = { context, index in
    let counts = context!.assumingMemoryBound(to: Int32.self)
    counts[index] += 1  // each index runs on exactly one thread
}

/// Runs a nested parallel_for of 50 indices for each outer index.
private let nestedCall: syn_task_fn = { context, index in
    let counts = context!.assumingMemoryBound(to: Int32.self)
    syn_parallel_for(50, countCall, counts + index * 50)
}

/// Two tasks that each wait (up to 5 s) until both have started: they can
/// only both succeed when they run at the same time on different threads.
@available(macOS 15.0, *)
private final class Rendezvous: @unchecked Sendable {
    let arrived = Atomic<Int>(0)
    let met = Atomic<Int>(0)
}

@available(macOS 15.0, *)
private let meetCall: syn_task_fn = { context, _ in
    let r = Unmanaged<Rendezvous>.fromOpaque(context!).takeUnretainedValue()
    r.arrived.add(1, ordering: .sequentiallyConsistent)
    let deadline = Date().addingTimeInterval(5)
    while r.arrived.load(ordering: .sequentiallyConsistent) < 2 && Date() < deadline {}
    if r.arrived.load(ordering: .sequentiallyConsistent) == 2 { r.met.add(1, ordering: .sequentiallyConsistent) }
}

final class KernelsThreadPoolTests: XCTestCase {
    /// The thread count before each test, restored after it, so that the
    /// tests that run later in the same process keep their thread count.
    private var savedThreadCount: Int32 = 1

    override func setUp() {
        super.setUp()
        savedThreadCount = syn_num_threads()
    }

    override func tearDown() {
        syn_set_num_threads(savedThreadCount)
        super.tearDown()
    }

    private static func runCounting(_ count: Int) -> [Int32] {
        var counts = [Int32](repeating: 0, count: count)
        counts.withUnsafeMutableBufferPointer { syn_parallel_for(count, countCall, $0.baseAddress) }
        return counts
    }

    func testEveryIndexRunsExactlyOnce() {
        for threads in [1, 2, 3, 8] {
            syn_set_num_threads(Int32(threads))
            XCTAssertEqual(syn_num_threads(), Int32(threads))
            for count in [0, 1, 2, 7, 1000] {
                for _ in 0..<20 {
                    XCTAssertEqual(Self.runCounting(count), [Int32](repeating: 1, count: count),
                                   "threads \(threads) count \(count)")
                }
            }
        }
    }

    func testTwoThreadsRunTasksConcurrently() throws {
        guard #available(macOS 15.0, *) else { throw XCTSkip("needs Synchronization.Atomic") }
        syn_set_num_threads(2)
        let r = Rendezvous()
        syn_parallel_for(2, meetCall, Unmanaged.passUnretained(r).toOpaque())
        XCTAssertEqual(r.met.load(ordering: .sequentiallyConsistent), 2)
    }

    func testNestedCallRunsSerially() {
        syn_set_num_threads(2)
        var counts = [Int32](repeating: 0, count: 8 * 50)
        counts.withUnsafeMutableBufferPointer { syn_parallel_for(8, nestedCall, $0.baseAddress) }
        XCTAssertEqual(counts, [Int32](repeating: 1, count: 8 * 50))
    }

    func testConcurrentCallersDoNotDeadlock() {
        syn_set_num_threads(2)
        let failures = FailureCount()
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<4 {
            Thread.detachNewThread {
                for _ in 0..<200 where Self.runCounting(64) != [Int32](repeating: 1, count: 64) {
                    failures.increment()
                }
                done.signal()
            }
        }
        for _ in 0..<4 { XCTAssertEqual(done.wait(timeout: .now() + 60), .success) }
        XCTAssertEqual(failures.value, 0)
    }

    func testWorkersWakeAfterSleeping() {
        syn_set_num_threads(2)
        XCTAssertEqual(Self.runCounting(100), [Int32](repeating: 1, count: 100))
        syn_thread_pool_park()
        usleep(20_000)
        XCTAssertEqual(Self.runCounting(100), [Int32](repeating: 1, count: 100))
    }

    func testThreadCountIsClamped() {
        syn_set_num_threads(0)
        XCTAssertEqual(syn_num_threads(), 1)
    }
}

/// A lock-protected counter shared by test threads.
private final class FailureCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

import Foundation

/// Runs training in a Swift task that Ctrl-C cancels, so the command-line
/// tool stops training the way any caller of `fit` does: by task
/// cancellation, which `fit` checks before each step.
///
/// The calling thread waits for the task, so the model and data the body
/// uses are never touched by two threads at once.
final class CancellableTraining: @unchecked Sendable {
    // `@unchecked Sendable`: `task` and `cancelled` are touched only under `lock`.
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private var cancelled = false

    /// Cancels the running task; a task started later begins cancelled.
    func cancel() {
        lock.lock()
        cancelled = true
        let running = task
        lock.unlock()
        running?.cancel()
    }

    /// Runs `body` in a new task and waits for it on this thread; returns or
    /// rethrows what `body` did (`CancellationError` once cancelled).
    func run<T>(_ body: @escaping () throws -> T) throws -> T {
        // Handed to the task while this thread only waits for it (see above).
        nonisolated(unsafe) let body = body
        let outcome = TaskOutcome<T>()
        let finished = DispatchSemaphore(value: 0)
        let started = Task.detached {
            outcome.result = Result { try body() }
            finished.signal()
        }
        lock.lock()
        task = started
        if cancelled { started.cancel() }
        lock.unlock()
        finished.wait()
        lock.lock()
        task = nil
        lock.unlock()
        return try outcome.result!.get()
    }
}

/// What the training task returned or threw. `@unchecked Sendable`: the
/// task writes it before signalling, and the waiting thread reads it after
/// the wait, so the semaphore orders the two accesses.
private final class TaskOutcome<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}

import Foundation

/// A value shared between threads, every access made while holding a lock.
///
/// For the process-wide state Synapse keeps (registries, the global random
/// generator, the warnings handler): reads and writes are rare next to the
/// work they configure, so a plain lock costs nothing measurable.
final class Locked<Value>: @unchecked Sendable {
    // Safe to share: `stored` is only touched inside `lock`.
    private let lock = NSLock()
    private var stored: Value

    /// A lock around `value`.
    init(_ value: Value) { stored = value }

    /// A copy of the value, read under the lock.
    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    /// Runs `body` on the value while holding the lock, so a read followed by
    /// a write (a draw from a generator, an insertion) is one step for other
    /// threads. `body` must not call back into the same `Locked`.
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&stored)
    }
}

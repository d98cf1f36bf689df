#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value with one copy per thread, made from `initial` the first time a
/// thread reads it and released when the thread ends.
///
/// For state that used to be a process-wide global and must not be shared
/// between threads: the random generator behind `Synapse.seed(_:)`.
final class ThreadLocal<Value>: @unchecked Sendable {
    // Safe to share: `key` and `initial` are written once, at creation, and
    // each thread reads and writes only its own box.
    private let key: pthread_key_t
    private let initial: @Sendable () -> Value

    /// A new per-thread value; each one takes one of the process's
    /// thread-specific keys, so make them once, as static constants.
    init(_ initial: @escaping @Sendable () -> Value) {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { box in
            guard let box else { return }
            Unmanaged<AnyObject>.fromOpaque(box).release()
        }
        precondition(status == 0, "ThreadLocal: pthread_key_create failed (\(status))")
        self.key = key
        self.initial = initial
    }

    /// The current thread's value.
    var value: Value {
        get { box.value }
        set { box.value = newValue }
    }

    private var box: Box {
        if let raw = pthread_getspecific(key) {
            return Unmanaged<Box>.fromOpaque(raw).takeUnretainedValue()
        }
        let made = Box(initial())
        pthread_setspecific(key, Unmanaged.passRetained(made).toOpaque())
        return made
    }

    private final class Box {
        var value: Value
        init(_ value: Value) { self.value = value }
    }
}

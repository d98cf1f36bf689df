#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-negative integer with one value per thread, starting at 0 on every
/// thread.
///
/// The value is kept in the thread-specific slot's pointer bits, so reading
/// and writing it allocate nothing and need no destructor.
struct ThreadLocalCounter: @unchecked Sendable {
    // Safe to share: the key is written once, at creation, and each thread
    // reads and writes only its own slot.
    private let key: pthread_key_t

    /// A new counter; each one takes one of the process's thread-specific keys.
    init() {
        var key = pthread_key_t()
        let status = pthread_key_create(&key, nil)
        precondition(status == 0, "ThreadLocalCounter: pthread_key_create failed (\(status))")
        self.key = key
    }

    /// The current thread's value.
    var value: Int {
        get { Int(bitPattern: pthread_getspecific(key)) }
        nonmutating set { pthread_setspecific(key, UnsafeRawPointer(bitPattern: newValue)) }
    }

    /// The nesting depth of `withoutGradients` on each thread.
    static let gradientsDisabled = ThreadLocalCounter()
}

import Foundation

/// The reference-counted buffer behind a `Tensor`.
///
/// Buffers come from `BufferPool`, so a training loop that makes the same
/// shapes every step reuses memory instead of asking malloc (and the kernel)
/// for fresh, zeroed pages.
@usableFromInline
final class TensorStorage {
    @usableFromInline let pointer: UnsafeMutablePointer<Float>
    @usableFromInline let count: Int

    /// Memory for `count` floats; the contents are undefined.
    @usableFromInline
    init(uninitializedCount count: Int) {
        self.count = count
        self.pointer = BufferPool.shared.take(count)
    }

    /// Memory for `count` floats, all set to `value`.
    @usableFromInline
    convenience init(repeating value: Float, count: Int) {
        self.init(uninitializedCount: count)
        pointer.update(repeating: value, count: count)
    }

    /// A copy of `other`'s contents.
    @usableFromInline
    convenience init(copying other: TensorStorage) {
        self.init(uninitializedCount: other.count)
        pointer.update(from: other.pointer, count: count)
    }

    deinit { BufferPool.shared.give(pointer, count: count) }
}

/// Recycles float buffers by exact size.
///
/// Holds at most `capacityBytes`; beyond that, buffers go back to the system.
/// Buffers of up to `directMaxCount` floats skip the pool: malloc's per-thread
/// caches serve them faster than a lock and a dictionary lookup (batch-1
/// inference makes a handful of them per call).
/// Thread-safe, because the data pipeline may free tensors on its own thread:
/// `@unchecked Sendable` because every mutable field is touched only under
/// its lock.
final class BufferPool: @unchecked Sendable {
    static let shared = BufferPool(capacityBytes: 512 << 20)
    static let directMaxCount = 1024

    private let capacityBytes: Int
    private var heldBytes = 0
    private var freeLists: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private let lock = NSLock()

    init(capacityBytes: Int) { self.capacityBytes = capacityBytes }

    func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        let size = Swift.max(count, 1)
        if size <= BufferPool.directMaxCount { return UnsafeMutablePointer<Float>.allocate(capacity: size) }
        lock.lock()
        if let pointer = freeLists[size]?.popLast() {
            heldBytes -= size * MemoryLayout<Float>.stride
            lock.unlock()
            return pointer
        }
        lock.unlock()
        return UnsafeMutablePointer<Float>.allocate(capacity: size)
    }

    func give(_ pointer: UnsafeMutablePointer<Float>, count: Int) {
        let size = Swift.max(count, 1)
        if size <= BufferPool.directMaxCount { return pointer.deallocate() }
        let bytes = size * MemoryLayout<Float>.stride
        lock.lock()
        if heldBytes + bytes <= capacityBytes {
            freeLists[size, default: []].append(pointer)
            heldBytes += bytes
            lock.unlock()
            return
        }
        lock.unlock()
        pointer.deallocate()
    }
}

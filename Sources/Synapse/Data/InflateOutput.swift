/// A growable byte buffer for the decompressor, with slack past the end so that
/// match copies may write up to 8 bytes beyond their length.
struct InflateOutput {
    /// Bytes the buffer always keeps free past `count` once `reserve` has returned.
    static let slack = 16
    private(set) var base: UnsafeMutablePointer<UInt8>
    var count = 0
    private(set) var capacity: Int

    init(capacityHint: Int) {
        capacity = max(capacityHint, 1024) + Self.slack
        base = .allocate(capacity: capacity)
    }

    /// Makes room for `extra` more bytes plus the slack.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra + Self.slack > capacity { grow(to: count + extra + Self.slack) }
    }

    private mutating func grow(to minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Copies the bytes written into an array and frees the buffer.
    mutating func finish() -> [UInt8] {
        let bytes = [UInt8](UnsafeBufferPointer(start: base, count: count))
        release()
        return bytes
    }

    /// Frees the buffer without returning its contents.
    mutating func release() {
        base.deallocate()
        base = .allocate(capacity: 1)
        capacity = 1 - Self.slack
        count = 0
    }
}

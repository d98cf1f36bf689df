/// A growable byte buffer for the decompressor, with slack past the end so that
/// match copies may write up to 8 bytes beyond their length. It never grows
/// past its `DecompressionLimit`.
struct InflateOutput {
    /// Bytes the buffer always keeps free past `count` once `reserve` has returned.
    static let slack = 16
    private(set) var base: UnsafeMutablePointer<UInt8>
    var count = 0
    private(set) var capacity: Int
    private let limit: DecompressionLimit
    /// The expected output size (gzip's trailer), grown to in one step as
    /// soon as the limit allows it, so that a valid stream is copied once
    /// rather than through a chain of doublings (each of which briefly holds
    /// two buffers).
    private let capacityHint: Int

    /// A buffer sized for `capacityHint` bytes, but no more than `limit`
    /// allows before anything is written.
    init(capacityHint: Int, limit: DecompressionLimit = .unlimited) {
        self.limit = limit
        self.capacityHint = capacityHint
        let initialLimit = limit.maximum(UnsafeBufferPointer(start: nil, count: 0))
        capacity = max(min(capacityHint, initialLimit), 1024) + Self.slack
        base = .allocate(capacity: capacity)
    }

    /// Makes room for `extra` more bytes plus the slack.
    /// - Throws: `GzipError.outputTooLarge` when that would pass the limit.
    @inline(__always)
    mutating func reserve(_ extra: Int) throws {
        if count + extra + Self.slack > capacity { try grow(to: count + extra + Self.slack) }
    }

    private mutating func grow(to minimum: Int) throws {
        let maximum = limit.maximum(UnsafeBufferPointer(start: base, count: count))
        guard minimum - Self.slack <= maximum else { throw GzipError.outputTooLarge(limit: maximum) }
        let ceiling = maximum > Int.max - Self.slack ? Int.max : maximum + Self.slack
        let wanted = capacityHint > Int.max - Self.slack ? Int.max : max(capacity * 2, capacityHint + Self.slack)
        let newCapacity = max(minimum, min(wanted, ceiling))
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        if capacity > 0 { base.deallocate() }
        base = newBase
        capacity = newCapacity
    }

    /// Copies the bytes written into an array and frees the buffer.
    mutating func finish() -> [UInt8] {
        let bytes = [UInt8](UnsafeBufferPointer(start: base, count: count))
        release()
        return bytes
    }

    /// Frees the buffer without returning its contents; the buffer is empty
    /// afterwards and must not be written again.
    mutating func release() {
        if capacity > 0 { base.deallocate() }
        base = UnsafeMutablePointer(bitPattern: 1)!  // never dereferenced: capacity is 0
        capacity = 0
        count = 0
    }
}

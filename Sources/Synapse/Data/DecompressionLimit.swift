/// The most bytes a decompression may produce, so that a small file cannot
/// inflate into gigabytes (a "decompression bomb").
///
/// The limit may depend on what has been decompressed so far: an IDX file's
/// header, once inflated, says exactly how long the rest must be. The
/// decompressor asks `maximum` again each time its buffer grows, passing the
/// bytes produced so far.
public struct DecompressionLimit: Sendable {
    /// Bytes allowed beyond what a header promises, so that a decoder never
    /// stops a valid stream early (covers one stored DEFLATE block).
    public static let margin = 1 << 17

    /// The largest total output allowed, given the output so far.
    public let maximum: @Sendable (UnsafeBufferPointer<UInt8>) -> Int

    /// A limit computed from the output so far.
    public init(_ maximum: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Int) {
        self.maximum = maximum
    }

    /// A fixed limit of `count` bytes.
    public static func bytes(_ count: Int) -> DecompressionLimit {
        DecompressionLimit { _ in count }
    }

    /// No limit beyond what memory allows (for trusted data).
    public static let unlimited = DecompressionLimit { _ in Int.max }
}

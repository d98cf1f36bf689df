import Foundation

/// An n-dimensional array of `Float` with value semantics and automatic
/// differentiation.
///
/// Copies are cheap and independent: the buffer is shared until one of the
/// copies is mutated, and then that copy gets its own buffer.
///
/// ```swift
/// var w = Tensor.randomNormal([3, 2], seed: 1).requiringGradient()
/// let x = Tensor([[1, 2, 3]])
/// let loss = x.matmul(w).relu().sum()
/// let (dw) = loss.gradients(wrt: [w])[0]
/// ```
public struct Tensor {
    /// The size of each axis; `[]` for a scalar.
    public private(set) var shape: [Int]
    @usableFromInline var storage: TensorStorage
    /// Where this tensor sits in the recorded graph, if it needs a gradient.
    var gradNode: GradNode?
    /// For a softmax output: the logits it came from.
    var logitsOrigin: LogitsOrigin?

    /// Wraps `storage` (which must hold exactly the product of `shape` floats).
    @usableFromInline
    init(shape: [Int], storage: TensorStorage) {
        self.shape = shape
        self.storage = storage
        self.gradNode = nil
        self.logitsOrigin = nil
    }

    /// A tensor of `shape` whose contents the caller fills in.
    @usableFromInline
    init(uninitializedShape shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(uninitializedCount: Tensor.elementCount(shape)))
    }

    /// Creates a tensor of `shape` from `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) {
        let count = Tensor.elementCount(shape)
        precondition(scalars.count == count,
                     "Tensor(shape:scalars:): shape \(shape) needs \(count) scalars, got \(scalars.count)")
        self.init(uninitializedShape: shape)
        scalars.withUnsafeBufferPointer { storage.pointer.update(from: $0.baseAddress!, count: count) }
    }

    /// Creates a 0-dimensional tensor holding `value`.
    public init(_ value: Float) {
        self.init(shape: [], storage: TensorStorage(repeating: value, count: 1))
    }

    /// Creates a 1-D tensor from `scalars`.
    public init(_ scalars: [Float]) {
        self.init(shape: [scalars.count], scalars: scalars)
    }

    /// Creates a 2-D tensor from rows of equal length.
    public init(_ rows: [[Float]]) {
        let width = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == width },
                     "Tensor(rows:): rows have different lengths \(rows.map(\.count))")
        self.init(shape: [rows.count, width], scalars: rows.flatMap { $0 })
    }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// The number of elements.
    public var count: Int { storage.count }

    /// All elements in row-major order.
    public var scalars: [Float] {
        Array(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    /// The value of a tensor with exactly one element.
    public var scalar: Float {
        precondition(count == 1, "scalar: tensor of shape \(shape) has \(count) elements, not 1")
        return storage.pointer[0]
    }

    /// The element at a full index, one position per axis.
    public subscript(index: Int...) -> Float {
        get { storage.pointer[flatIndex(index)] }
        set {
            let offset = flatIndex(index)
            makeUniqueStorage()
            storage.pointer[offset] = newValue
        }
    }

    /// The product of the sizes in `shape`.
    @inlinable
    static func elementCount(_ shape: [Int]) -> Int {
        var product = 1
        for size in shape {
            precondition(size >= 0, "Tensor: negative axis size in shape \(shape)")
            product *= size
        }
        return product
    }

    private func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == rank, "subscript: index \(index) does not fit shape \(shape)")
        var offset = 0
        for (axis, position) in index.enumerated() {
            precondition(position >= 0 && position < shape[axis],
                         "subscript: index \(index) is out of bounds for shape \(shape)")
            offset = offset * shape[axis] + position
        }
        return offset
    }

    /// Gives this tensor a buffer of its own before a write (copy-on-write).
    @usableFromInline
    mutating func makeUniqueStorage() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = TensorStorage(copying: storage)
        }
    }

    /// Calls `body` with the elements, read-only.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Calls `body` with the elements for writing, after making the buffer unique.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        makeUniqueStorage()
        return try body(UnsafeMutableBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Replaces the shape without touching the data (same element count).
    mutating func setShape(_ newShape: [Int]) {
        shape = newShape
    }
}

extension Tensor: CustomStringConvertible {
    /// A short description: the shape and up to 8 leading elements.
    public var description: String {
        let head = scalars.prefix(8).map { String(format: "%.4g", $0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(head)\(count > 8 ? ", …" : "")])"
    }
}

extension Tensor: Equatable {
    /// Two tensors are equal when shapes and every element match exactly.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape else { return false }
        // Float comparison, not memcmp: -0 equals +0 and NaN equals nothing.
        let a = lhs.storage.pointer, b = rhs.storage.pointer
        for i in 0..<lhs.count where a[i] != b[i] { return false }
        return true
    }
}

/// Tensors can be sent between threads and tasks.
///
/// Why that is safe, though the compiler cannot see it: the buffer is
/// copy-on-write (every write through the public API goes through
/// `makeUniqueStorage`, and kernels write only into buffers they have just
/// made, before the result is shared); the graph node and the logits record
/// never change after they are made, and `gradients(wrt:)` keeps its running
/// sums in a local table. So two threads may read one tensor, or
/// differentiate through one recorded graph, at the same time.
extension Tensor: @unchecked Sendable {}

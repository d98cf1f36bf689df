/// Picking rows of a table by integer index: the computation behind
/// `Embedding`.
extension Tensor {
    /// The largest integer a `Float` holds exactly (2²⁴): token ids and other
    /// indices carried in a float tensor must stay below it.
    public static let largestExactIndex = 1 << 24

    /// A tensor of `shape` holding integer `indices` as floats (exact below
    /// 2²⁴), ready for `Embedding` or `embeddingLookup(_:indices:)`.
    public init(indices: [Int], shape: [Int]) {
        for index in indices {
            precondition(index >= 0 && index < Tensor.largestExactIndex,
                         "Tensor(indices:shape:): index \(index) is outside 0 ..< 2^24, where floats are exact")
        }
        self.init(shape: shape, scalars: indices.map(Float.init))
    }

    /// Rows of `table` (`[rows, width]`) chosen by `indices`, which holds
    /// whole numbers in `0 ..< rows` stored as floats: the result has shape
    /// `indices.shape + [width]`. The gradient flows to `table` only (rows
    /// picked twice receive the sum); indices are not differentiable.
    public static func embeddingLookup(_ table: Tensor, indices: Tensor) -> Tensor {
        precondition(table.rank == 2, "embeddingLookup: table \(table.shape) must have 2 axes [rows, width]")
        let rows = table.shape[0], width = table.shape[1]
        let picked = indices.withUnsafeBufferPointer { values in
            values.map { value -> Int in
                let row = Int(exactly: value) ?? -1
                precondition(row >= 0 && row < rows,
                             "embeddingLookup: index \(value) in indices \(indices.shape) is not a row of table \(table.shape)")
                return row
            }
        }
        let result = Tensor(uninitializedShape: indices.shape + [width])
        let source = table.storage.pointer, target = result.storage.pointer
        for (position, row) in picked.enumerated() {
            (target + position * width).update(from: source + row * width, count: width)
        }
        return recording(result, table) { gradient in
            let tableGradient = Tensor.zeros([rows, width])
            let sums = tableGradient.storage.pointer, parts = gradient.storage.pointer
            for (position, row) in picked.enumerated() {
                let into = sums + row * width, from = parts + position * width
                for column in 0..<width { into[column] += from[column] }
            }
            return tableGradient
        }
    }
}

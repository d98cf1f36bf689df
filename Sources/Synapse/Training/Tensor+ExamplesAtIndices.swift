extension Tensor {
    /// The rows (examples along the first axis) at `indices`, in that order:
    /// a slice when they are consecutive, a gather otherwise.
    func examples(at indices: [Int]) -> Tensor {
        if let first = indices.first, Self.areConsecutive(indices) {
            return self[first ..< first + indices.count]
        }
        return gathering(rows: indices)
    }

    private static func areConsecutive(_ indices: [Int]) -> Bool {
        for i in 1 ..< Swift.max(indices.count, 1) where indices[i] != indices[i - 1] + 1 { return false }
        return true
    }
}

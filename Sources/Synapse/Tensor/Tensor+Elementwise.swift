/// The loops behind every elementwise operation. They are `@inline(__always)`
/// so that each caller's closure is specialised into a tight, vectorisable loop.
extension Tensor {
    /// A new tensor with `transform` applied to each element.
    @inline(__always)
    func mapElements(_ transform: (Float) -> Float) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let source = storage.pointer, target = result.storage.pointer
        for i in 0..<count { target[i] = transform(source[i]) }
        return result
    }

    /// A new tensor combining each element of `self` and `other` (same shape).
    @inline(__always)
    func zipElements(_ other: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let a = storage.pointer, b = other.storage.pointer, target = result.storage.pointer
        for i in 0..<count { target[i] = combine(a[i], b[i]) }
        return result
    }

    /// `combine` applied to `a` and `b` with broadcasting; `op` names the
    /// operation in shape errors.
    @inline(__always)
    static func broadcasting(
        _ a: Tensor, _ b: Tensor, op: String, _ combine: (Float, Float) -> Float
    ) -> Tensor {
        if a.shape == b.shape { return a.zipElements(b, combine) }
        let shape = Broadcasting.resultShape(a.shape, b.shape, op: op)
        let result = Tensor(uninitializedShape: shape)
        let pa = a.storage.pointer, pb = b.storage.pointer, out = result.storage.pointer
        let total = result.count
        if total == 0 { return result }
        if b.count == 1, a.count == total {
            let scalar = pb[0]
            for i in 0..<total { out[i] = combine(pa[i], scalar) }
            return result
        }
        if a.count == 1, b.count == total {
            let scalar = pa[0]
            for i in 0..<total { out[i] = combine(scalar, pb[i]) }
            return result
        }
        let stridesA = Broadcasting.strides(of: a.shape, in: shape)
        let stridesB = Broadcasting.strides(of: b.shape, in: shape)
        let rank = shape.count
        let inner = shape[rank - 1]
        let innerA = stridesA[rank - 1], innerB = stridesB[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var offsetA = 0, offsetB = 0, offsetOut = 0
        while offsetOut < total {
            let rowA = pa + offsetA, rowB = pb + offsetB, row = out + offsetOut
            switch (innerA, innerB) {
            case (1, 1): for j in 0..<inner { row[j] = combine(rowA[j], rowB[j]) }
            case (1, 0): let s = rowB[0]; for j in 0..<inner { row[j] = combine(rowA[j], s) }
            case (0, 1): let s = rowA[0]; for j in 0..<inner { row[j] = combine(s, rowB[j]) }
            default: let s = combine(rowA[0], rowB[0]); for j in 0..<inner { row[j] = s }
            }
            offsetOut += inner
            // Advance the odometer over the outer axes.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                offsetA += stridesA[axis]
                offsetB += stridesB[axis]
                if index[axis] < shape[axis] { break }
                offsetA -= stridesA[axis] * shape[axis]
                offsetB -= stridesB[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}

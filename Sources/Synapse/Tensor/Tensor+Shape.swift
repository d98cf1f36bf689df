/// Operations that rearrange elements without computing new values.
extension Tensor {
    /// The same elements with a new shape; one axis may be -1 (inferred).
    public func reshaped(to newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != inferred }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0,
                         "reshape: cannot reshape \(shape) (\(count) elements) to \(newShape)")
            resolved[inferred] = count / known
        }
        precondition(Tensor.elementCount(resolved) == count,
                     "reshape: cannot reshape \(shape) (\(count) elements) to \(newShape)")
        if resolved == shape { return self }
        var result = Tensor(shape: resolved, storage: storage)
        let inputShape = shape
        result = Tensor.recording(result, self) { $0.reshaped(to: inputShape) }
        return result
    }

    /// All axes after the first merged into one: `[batch, features]`.
    public func flattenedBatch() -> Tensor {
        reshaped(to: [shape.first ?? 1, -1])
    }

    /// A size-1 axis inserted at `axis`.
    public func expandingShape(at axis: Int) -> Tensor {
        let position = axis < 0 ? axis + rank + 1 : axis
        precondition(position >= 0 && position <= rank, "expandingShape: axis \(axis) is out of range for shape \(shape)")
        var newShape = shape
        newShape.insert(1, at: position)
        return reshaped(to: newShape)
    }

    /// Size-1 axes removed (all of them, or only `axes`).
    public func squeezingShape(at axes: [Int]? = nil) -> Tensor {
        let targets = axes.map { normalizedAxes($0, op: "squeeze") } ?? shape.indices.filter { shape[$0] == 1 }
        for axis in targets {
            precondition(shape[axis] == 1, "squeeze: axis \(axis) of shape \(shape) has size \(shape[axis]), not 1")
        }
        return reshaped(to: droppingAxes(targets))
    }

    /// This tensor repeated along broadcast axes to `target`.
    public func broadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        let resultShape = Broadcasting.resultShape(shape, target, op: "broadcast")
        precondition(resultShape == target, "broadcast: shape \(shape) cannot be broadcast to \(target)")
        let result = Tensor.broadcasting(self, Tensor.zeros(target), op: "broadcast") { a, _ in a }
        let inputShape = shape
        return Tensor.recording(result, self) { $0.unbroadcast(to: inputShape) }
    }

    /// The axes reordered: axis `i` of the result is axis `permutation[i]` here.
    public func permuted(_ permutation: [Int]) -> Tensor {
        precondition(permutation.sorted() == Array(0..<rank),
                     "permute: \(permutation) is not a permutation of the axes of shape \(shape)")
        if permutation == Array(0..<rank) { return self }
        let newShape = permutation.map { shape[$0] }
        let result = Tensor(uninitializedShape: newShape)
        let inputStrides = Broadcasting.strides(of: shape, in: shape)
        // Axes of size 1 get stride 0 above, which is harmless: index stays 0.
        let sourceStrides = permutation.map { inputStrides[$0] }
        copyStrided(from: storage.pointer, strides: sourceStrides, shape: newShape, to: result.storage.pointer)
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in permutation.enumerated() { inverse[p] = i }
        return Tensor.recording(result, self) { $0.permuted(inverse) }
    }

    /// The last two axes swapped (a matrix transpose, batched over leading axes).
    public func transposed() -> Tensor {
        precondition(rank >= 2, "transpose: needs at least 2 axes, got shape \(shape)")
        var permutation = Array(0..<rank)
        permutation.swapAt(rank - 1, rank - 2)
        return permuted(permutation)
    }

    /// The matrix transpose (`transposed()`), as in NumPy.
    public var T: Tensor { transposed() }

    /// Rows `range` along the first axis (a batch slice).
    public subscript(range: Range<Int>) -> Tensor {
        precondition(rank >= 1, "slice: cannot slice a scalar")
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[0],
                     "slice: rows \(range) are out of bounds for shape \(shape)")
        let rowSize = count / Swift.max(shape[0], 1)
        var newShape = shape
        newShape[0] = range.count
        let result = Tensor(uninitializedShape: newShape)
        result.storage.pointer.update(from: storage.pointer + range.lowerBound * rowSize, count: range.count * rowSize)
        let inputShape = shape
        return Tensor.recording(result, self) { grad in
            let full = Tensor.zeros(inputShape)
            full.storage.pointer.advanced(by: range.lowerBound * rowSize)
                .update(from: grad.storage.pointer, count: grad.count)
            return full
        }
    }

    /// The rows at `indices` along the first axis, in that order.
    public func gathering(rows indices: [Int]) -> Tensor {
        precondition(rank >= 1, "gather: cannot index a scalar")
        let rowSize = count / Swift.max(shape[0], 1)
        var newShape = shape
        newShape[0] = indices.count
        let result = Tensor(uninitializedShape: newShape)
        for (i, row) in indices.enumerated() {
            precondition(row >= 0 && row < shape[0], "gather: row \(row) is out of bounds for shape \(shape)")
            (result.storage.pointer + i * rowSize).update(from: storage.pointer + row * rowSize, count: rowSize)
        }
        let inputShape = shape
        return Tensor.recording(result, self) { grad in
            let full = Tensor.zeros(inputShape)
            for (i, row) in indices.enumerated() {
                let target = full.storage.pointer + row * rowSize, source = grad.storage.pointer + i * rowSize
                for j in 0..<rowSize { target[j] += source[j] }
            }
            return full
        }
    }
}

/// Copies a strided view of `source` with `shape` into contiguous `target`.
func copyStrided(from source: UnsafePointer<Float>, strides: [Int], shape: [Int],
                 to target: UnsafeMutablePointer<Float>) {
    let total = shape.reduce(1, *)
    guard total > 0 else { return }
    guard let last = shape.indices.last else { target[0] = source[0]; return }
    let inner = shape[last], innerStride = strides[last]
    var index = [Int](repeating: 0, count: shape.count)
    var offset = 0, written = 0
    while written < total {
        let row = target + written
        if innerStride == 1 {
            row.update(from: source + offset, count: inner)
        } else {
            for j in 0..<inner { row[j] = source[offset + j * innerStride] }
        }
        written += inner
        var axis = last - 1
        while axis >= 0 {
            index[axis] += 1
            offset += strides[axis]
            if index[axis] < shape[axis] { break }
            offset -= strides[axis] * shape[axis]
            index[axis] = 0
            axis -= 1
        }
    }
}

/// Tensors joined along an existing axis; all other axes must match.
public func concatenate(_ tensors: [Tensor], alongAxis axis: Int = 0) -> Tensor {
    precondition(!tensors.isEmpty, "concatenate: needs at least one tensor")
    let first = tensors[0]
    let axis = first.normalizedAxes([axis], op: "concatenate")[0]
    for tensor in tensors {
        var a = tensor.shape, b = first.shape
        precondition(a.count == b.count, "concatenate: shapes \(first.shape) and \(tensor.shape) have different ranks")
        a[axis] = 0; b[axis] = 0
        precondition(a == b, "concatenate: shapes \(first.shape) and \(tensor.shape) differ outside axis \(axis)")
    }
    var shape = first.shape
    shape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
    let outer = first.shape[..<axis].reduce(1, *)
    let result = Tensor(uninitializedShape: shape)
    let outRow = result.count / Swift.max(outer, 1)
    var column = 0
    for tensor in tensors {
        let piece = tensor.count / Swift.max(outer, 1)
        for o in 0..<outer {
            (result.storage.pointer + o * outRow + column).update(from: tensor.storage.pointer + o * piece, count: piece)
        }
        column += piece
    }
    let sizes = tensors.map { $0.shape[axis] }
    return Tensor.recording(result, tensors) { grad in
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return grad.slice(alongAxis: axis, start ..< start + size)
        }
    }
}

/// Tensors of equal shape stacked along a new axis.
public func stack(_ tensors: [Tensor], alongAxis axis: Int = 0) -> Tensor {
    precondition(!tensors.isEmpty, "stack: needs at least one tensor")
    for tensor in tensors {
        precondition(tensor.shape == tensors[0].shape, "stack: shapes \(tensors[0].shape) and \(tensor.shape) differ")
    }
    return concatenate(tensors.map { $0.expandingShape(at: axis) }, alongAxis: axis)
}

extension Tensor {
    /// Positions `range` along `axis`, all other axes whole.
    public func slice(alongAxis axis: Int, _ range: Range<Int>) -> Tensor {
        let axis = normalizedAxes([axis], op: "slice")[0]
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[axis],
                     "slice: \(range) is out of bounds for axis \(axis) of shape \(shape)")
        if axis == 0 { return self[range] }
        var newShape = shape
        newShape[axis] = range.count
        var strides = Broadcasting.strides(of: shape, in: shape)
        for i in strides.indices where shape[i] == 1 { strides[i] = 0 }
        let offset = range.lowerBound * (strides[axis] == 0 ? 0 : strides[axis])
        let result = Tensor(uninitializedShape: newShape)
        copyStrided(from: storage.pointer + offset, strides: strides, shape: newShape, to: result.storage.pointer)
        let inputShape = shape
        return Tensor.recording(result, self) { grad in
            var pieces: [Tensor] = []
            var before = inputShape; before[axis] = range.lowerBound
            var after = inputShape; after[axis] = inputShape[axis] - range.upperBound
            if range.lowerBound > 0 { pieces.append(Tensor.zeros(before)) }
            pieces.append(grad)
            if after[axis] > 0 { pieces.append(Tensor.zeros(after)) }
            return concatenate(pieces, alongAxis: axis)
        }
    }
}

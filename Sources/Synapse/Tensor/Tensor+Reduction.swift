/// Reductions over any set of axes, with or without keeping reduced axes.
extension Tensor {
    /// Validates `axes` for `op` and returns them normalised (non-negative,
    /// sorted, unique). Negative axes count from the end.
    func normalizedAxes(_ axes: [Int], op: String) -> [Int] {
        let normalized = axes.map { $0 < 0 ? $0 + rank : $0 }
        for (given, axis) in zip(axes, normalized) where axis < 0 || axis >= rank {
            preconditionFailure("\(op): axis \(given) is out of range for shape \(shape)")
        }
        return Array(Set(normalized)).sorted()
    }

    /// The shape after reducing `axes` (normalised), with size-1 axes kept.
    func reducedShapeKeepingDimensions(_ axes: [Int]) -> [Int] {
        var result = shape
        for axis in axes { result[axis] = 1 }
        return result
    }

    /// Drops the size-1 axes that a reduction over `axes` left behind.
    func droppingAxes(_ axes: [Int]) -> [Int] {
        shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
    }

    /// Folds every element into the output element it reduces to.
    /// `initial` seeds each output; `combine` merges an input element into it.
    @inline(__always)
    private func reduce(axes: [Int], initial: Float, _ combine: (Float, Float) -> Float) -> Tensor {
        let outShape = reducedShapeKeepingDimensions(axes)
        var result = Tensor.filled(outShape, with: initial)
        let out = result.storage.pointer, source = storage.pointer
        if count == 0 || rank == 0 {
            if rank == 0 { out[0] = combine(initial, source[0]) }
            return result
        }
        let outStrides = Broadcasting.strides(of: outShape, in: shape)
        let inner = shape[rank - 1]
        let innerStride = outStrides[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var offsetIn = 0, offsetOut = 0
        while offsetIn < count {
            let row = source + offsetIn
            if innerStride == 0 {
                var accumulator = out[offsetOut]
                for j in 0..<inner { accumulator = combine(accumulator, row[j]) }
                out[offsetOut] = accumulator
            } else {
                let target = out + offsetOut
                for j in 0..<inner { target[j] = combine(target[j], row[j]) }
            }
            offsetIn += inner
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                offsetOut += outStrides[axis]
                if index[axis] < shape[axis] { break }
                offsetOut -= outStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        result.gradNode = nil
        return result
    }

    /// The sum over `axes`; reduced axes stay as size 1 when `keepingDimensions`.
    public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let axes = normalizedAxes(axes, op: "sum")
        var result = reduce(axes: axes, initial: 0, +)
        if !keepingDimensions { result.setShape(droppingAxes(axes)) }
        let inputShape = shape
        let keptShape = reducedShapeKeepingDimensions(axes)
        return Tensor.recording(result, self) { grad in
            grad.reshaped(to: keptShape).broadcast(to: inputShape)
        }
    }

    /// The sum over one axis.
    public func sum(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        sum(alongAxes: [axis], keepingDimensions: keepingDimensions)
    }

    /// The sum of all elements, as a scalar tensor.
    public func sum() -> Tensor { sum(alongAxes: Array(0..<rank)) }

    /// The mean over `axes`.
    public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let axes = normalizedAxes(axes, op: "mean")
        let n = axes.reduce(1) { $0 * shape[$1] }
        return sum(alongAxes: axes, keepingDimensions: keepingDimensions) * (1 / Float(Swift.max(n, 1)))
    }

    /// The mean over one axis.
    public func mean(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        mean(alongAxes: [axis], keepingDimensions: keepingDimensions)
    }

    /// The mean of all elements, as a scalar tensor.
    public func mean() -> Tensor { mean(alongAxes: Array(0..<rank)) }

    /// The maximum over `axes`. The gradient flows to every element equal to
    /// the maximum, shared equally among ties.
    public func max(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
        let axes = normalizedAxes(axes, op: "max")
        precondition(count > 0 || axes.allSatisfy { shape[$0] > 0 }, "max: cannot reduce an empty axis of shape \(shape)")
        var result = reduce(axes: axes, initial: -.infinity) { Swift.max($0, $1) }
        let kept = result
        if !keepingDimensions { result.setShape(droppingAxes(axes)) }
        let input = self.detached()
        return Tensor.recording(result, self) { grad in
            let hits = Tensor.broadcasting(input, kept, op: "max") { $0 == $1 ? 1 : 0 }
            let ties = hits.sum(alongAxes: axes, keepingDimensions: true)
            return hits * (grad.reshaped(to: kept.shape) / ties)
        }
    }

    /// The maximum over one axis.
    public func max(alongAxis axis: Int, keepingDimensions: Bool = false) -> Tensor {
        max(alongAxes: [axis], keepingDimensions: keepingDimensions)
    }

    /// The largest element, as a scalar tensor.
    public func max() -> Tensor { max(alongAxes: Array(0..<rank)) }

    /// The index of the largest element along `axis` (first one on ties), as
    /// floats; the axis is removed.
    public func argmax(alongAxis axis: Int = -1) -> Tensor {
        let axis = normalizedAxes([axis], op: "argmax")[0]
        let size = shape[axis]
        precondition(size > 0, "argmax: axis \(axis) of shape \(shape) is empty")
        let outer = shape[..<axis].reduce(1, *), inner = shape[(axis + 1)...].reduce(1, *)
        let result = Tensor(uninitializedShape: droppingAxes([axis]))
        let source = storage.pointer, out = result.storage.pointer
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * size * inner + i
                var best = source[base], bestIndex = 0
                for k in 1..<Swift.max(size, 1) where source[base + k * inner] > best {
                    best = source[base + k * inner]
                    bestIndex = k
                }
                out[o * inner + i] = Float(bestIndex)
            }
        }
        return result
    }
}

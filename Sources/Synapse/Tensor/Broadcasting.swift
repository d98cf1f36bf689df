/// Shape rules for elementwise operations between tensors of different shapes
/// (NumPy broadcasting: align trailing axes; an axis of size 1 stretches).
enum Broadcasting {
    /// The shape that `a` and `b` broadcast to; traps naming `op` if they don't.
    static func resultShape(_ a: [Int], _ b: [Int], op: String) -> [Int] {
        if a == b { return a }
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            let sizeA = axis < rank - a.count ? 1 : a[axis - (rank - a.count)]
            let sizeB = axis < rank - b.count ? 1 : b[axis - (rank - b.count)]
            guard sizeA == sizeB || sizeA == 1 || sizeB == 1 else {
                preconditionFailure("\(op): shapes \(a) and \(b) cannot be broadcast: axis \(axis) has sizes \(sizeA) and \(sizeB)")
            }
            result[axis] = sizeA == 1 ? sizeB : sizeA
        }
        return result
    }

    /// Row-major element strides of `shape` read as `target`: 0 on axes that
    /// broadcast (missing or of size 1).
    static func strides(of shape: [Int], in target: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: target.count)
        var step = 1
        let offset = target.count - shape.count
        for axis in Swift.stride(from: shape.count - 1, through: 0, by: -1) {
            if shape[axis] != 1 { strides[axis + offset] = step }
            step *= shape[axis]
        }
        return strides
    }

    /// The axes of `target` that were stretched to get there from `shape`.
    static func stretchedAxes(from shape: [Int], to target: [Int]) -> [Int] {
        let offset = target.count - shape.count
        return (0..<target.count).filter { axis in
            axis < offset || (shape[axis - offset] == 1 && target[axis] != 1)
        }
    }
}

extension Tensor {
    /// Sums this gradient down to `targetShape`, undoing a broadcast.
    func unbroadcast(to targetShape: [Int]) -> Tensor {
        if shape == targetShape { return self }
        let axes = Broadcasting.stretchedAxes(from: targetShape, to: shape)
        return sum(alongAxes: axes, keepingDimensions: true).reshaped(to: targetShape)
    }
}

import CSynapseKernels

/// Softmax and log-softmax along the last axis, computed stably (the row
/// maximum is subtracted before exponentiating).
extension Tensor {
    /// exp(x) / Σ exp(x) along the last axis.
    public func softmax() -> Tensor {
        precondition(rank >= 1, "softmax: needs at least 1 axis, got a scalar")
        let result = Tensor(uninitializedShape: shape)
        forEachRow(into: result) { row, out, width in
            let total = Tensor.exponentiateShifted(row, into: out, width)
            let scale = 1 / total
            for j in 0..<width { out[j] *= scale }
        }
        return Tensor.recording(result, self) { grad in
            // dx = y ⊙ (g − Σ g⊙y)
            let output = Tensor(uninitializedShape: grad.shape)
            grad.forEachRow(into: output, alongside: result) { g, out, width, y in
                var dot: Float = 0
                for j in 0..<width { dot += g[j] * y[j] }
                for j in 0..<width { out[j] = y[j] * (g[j] - dot) }
            }
            return output
        }
    }

    /// log(softmax(x)) along the last axis, without forming the softmax.
    public func logSoftmax() -> Tensor {
        precondition(rank >= 1, "logSoftmax: needs at least 1 axis, got a scalar")
        let result = Tensor(uninitializedShape: shape)
        forEachRow(into: result) { row, out, width in
            let maximum = Tensor.rowMaximum(row, width)
            let logTotal = Foundation.log(Tensor.exponentiateShifted(row, into: out, width))
            for j in 0..<width { out[j] = (row[j] - maximum) - logTotal }
        }
        return Tensor.recording(result, self) { grad in
            // dx = g − softmax ⊙ Σ g
            let output = Tensor(uninitializedShape: grad.shape)
            grad.forEachRow(into: output, alongside: result) { g, out, width, logY in
                var total: Float = 0
                for j in 0..<width { total += g[j] }
                for j in 0..<width { out[j] = logY[j] }
                syn_vexp(out, out, width)
                for j in 0..<width { out[j] = g[j] - out[j] * total }
            }
            return output
        }
    }

    /// Writes exp(row − max(row)) to `out` and returns its sum.
    @inline(__always)
    static func exponentiateShifted(_ row: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, _ width: Int) -> Float {
        let maximum = Tensor.rowMaximum(row, width)
        for j in 0..<width { out[j] = row[j] - maximum }
        syn_vexp(out, out, width)
        var total: Float = 0
        for j in 0..<width { total += out[j] }
        return total
    }

    @inline(__always)
    static func rowMaximum(_ row: UnsafePointer<Float>, _ width: Int) -> Float {
        var maximum = -Float.infinity
        for j in 0..<width { maximum = Swift.max(maximum, row[j]) }
        return maximum
    }

    /// Calls `body` for each row (last axis) of this tensor and of `output`.
    @inline(__always)
    func forEachRow(into output: Tensor,
                    _ body: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) {
        let width = shape[rank - 1]
        guard width > 0 else { return }
        for row in 0..<(count / width) {
            body(storage.pointer + row * width, output.storage.pointer + row * width, width)
        }
    }

    /// `forEachRow(into:)` with a third tensor's matching row.
    @inline(__always)
    func forEachRow(into output: Tensor, alongside other: Tensor,
                    _ body: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, UnsafePointer<Float>) -> Void) {
        let width = shape[rank - 1]
        guard width > 0 else { return }
        for row in 0..<(count / width) {
            let offset = row * width
            body(storage.pointer + offset, output.storage.pointer + offset, width, other.storage.pointer + offset)
        }
    }
}

import Foundation

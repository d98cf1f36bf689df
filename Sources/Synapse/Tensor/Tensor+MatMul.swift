import CSynapseKernels

/// Matrix multiplication, 2-D and batched, on the library's GEMM kernels.
extension Tensor {
    /// The matrix product. Shapes: `[m, k] × [k, n] → [m, n]`;
    /// `[…, m, k] × [k, n]` applies one matrix to every row;
    /// `[b, m, k] × [b, k, n] → [b, m, n]` multiplies batch by batch.
    public func matmul(_ other: Tensor) -> Tensor {
        precondition(rank >= 2 && other.rank >= 2,
                     "matmul: \(shape) × \(other.shape): both operands need at least 2 axes")
        let k = shape[rank - 1]
        let otherK = other.shape[other.rank - 2]
        precondition(k == otherK,
                     "matmul: \(shape) × \(other.shape): inner dimensions \(k) and \(otherK) differ")
        if other.rank == 2 {
            let rows = count / Swift.max(k, 1)
            let flat = rank == 2 ? self : reshaped(to: [rows, k])
            let product = Tensor.matrixProduct(flat, other)
            return rank == 2 ? product : product.reshaped(to: Array(shape.dropLast()) + [other.shape[1]])
        }
        precondition(shape.dropLast(2) == other.shape.dropLast(2),
                     "matmul: \(shape) × \(other.shape): batch dimensions \(Array(shape.dropLast(2))) and \(Array(other.shape.dropLast(2))) differ")
        return Tensor.batchedMatrixProduct(self, other)
    }

    /// `[m, k] × [k, n]`, with its gradient.
    static func matrixProduct(_ a: Tensor, _ b: Tensor) -> Tensor {
        let result = gemm(a, transposeA: false, b, transposeB: false)
        let needA = a.requiresGradient, needB = b.requiresGradient
        return recording(result, [a, b]) { grad in
            [needA ? gemm(grad, transposeA: false, b, transposeB: true) : nil,
             needB ? gemm(a, transposeA: true, grad, transposeB: false) : nil]
        }
    }

    /// `[batch…, m, k] × [batch…, k, n]`, with its gradient.
    static func batchedMatrixProduct(_ a: Tensor, _ b: Tensor) -> Tensor {
        let result = batchedGemm(a, transposeA: false, b, transposeB: false)
        let needA = a.requiresGradient, needB = b.requiresGradient
        return recording(result, [a, b]) { grad in
            [needA ? batchedGemm(grad, transposeA: false, b, transposeB: true) : nil,
             needB ? batchedGemm(a, transposeA: true, grad, transposeB: false) : nil]
        }
    }

    /// op(a) · op(b) for 2-D tensors, where op transposes when asked. With
    /// `initial`, the product is added onto it in place: the caller must own
    /// that tensor's buffer alone.
    static func gemm(_ a: Tensor, transposeA: Bool, _ b: Tensor, transposeB: Bool,
                     accumulatingInto initial: Tensor? = nil) -> Tensor {
        let m = transposeA ? a.shape[1] : a.shape[0]
        let k = transposeA ? a.shape[0] : a.shape[1]
        let n = transposeB ? b.shape[0] : b.shape[1]
        let result = initial ?? Tensor(uninitializedShape: [m, n])
        if k == 0 {
            if initial == nil { result.storage.pointer.update(repeating: 0, count: m * n) }
            return result
        }
        syn_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, 1,
                  a.storage.pointer, a.shape[1], b.storage.pointer, b.shape[1],
                  initial == nil ? 0 : 1, result.storage.pointer, n)
        return result
    }

    /// Batched `gemm` over the leading axes of two rank-≥3 tensors.
    static func batchedGemm(_ a: Tensor, transposeA: Bool, _ b: Tensor, transposeB: Bool) -> Tensor {
        let r = a.rank
        let rowsA = a.shape[r - 2], colsA = a.shape[r - 1]
        let rowsB = b.shape[r - 2], colsB = b.shape[r - 1]
        let m = transposeA ? colsA : rowsA, k = transposeA ? rowsA : colsA
        let n = transposeB ? rowsB : colsB
        let batchShape = Array(a.shape.dropLast(2))
        let batches = batchShape.reduce(1, *)
        let result = Tensor(uninitializedShape: batchShape + [m, n])
        for batch in 0..<batches {
            let c = result.storage.pointer + batch * m * n
            if k == 0 { c.update(repeating: 0, count: m * n); continue }
            syn_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, 1,
                      a.storage.pointer + batch * rowsA * colsA, colsA,
                      b.storage.pointer + batch * rowsB * colsB, colsB, 0, c, n)
        }
        return result
    }

    /// `x · weight + bias` in one pass: the GEMM adds the bias while it
    /// stores each tile of the output. The gradient of `x` is skipped when
    /// `x` needs none (the first layer of a network).
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        linear(x, weight: weight, bias: bias, relu: false)
    }

    /// `x · weight + bias`, followed by max(0, ·) when `relu` is true, in one
    /// pass over the output (the ReLU gradient needs only that output).
    static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?, relu: Bool) -> Tensor {
        precondition(x.rank == 2 && weight.rank == 2 && x.shape[1] == weight.shape[0],
                     "linear: \(x.shape) × \(weight.shape): inner dimensions \(x.rank == 2 ? x.shape[1] : -1) and \(weight.rank == 2 ? weight.shape[0] : -1) differ")
        let m = x.shape[0], k = x.shape[1], n = weight.shape[1]
        if let bias {
            precondition(bias.shape == [n], "linear: bias shape \(bias.shape) does not match \(n) output units")
        }
        let result = Tensor(uninitializedShape: [m, n])
        syn_sgemm_bias_act(0, 0, m, n, k, 1, x.storage.pointer, k, weight.storage.pointer, n, 0,
                           result.storage.pointer, n, bias?.storage.pointer, relu ? 1 : 0)
        let needX = x.requiresGradient, needW = weight.requiresGradient
        guard GradientMode.isEnabled, needX || needW || bias?.requiresGradient == true else { return result }
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return recording(result, inputs) { outputGrad in
            // The ReLU mask and the bias gradient in one vectorised pass.
            let (grad, biasGrad) = biasActivationBackward(outputGrad, output: result, rows: m, channels: n,
                                                          relu: relu, needBias: bias != nil)
            var grads: [Tensor?] = [
                needX ? gemm(grad, transposeA: false, weight, transposeB: true) : nil,
                needW ? gemm(x, transposeA: true, grad, transposeB: false) : nil,
            ]
            if bias != nil { grads.append(biasGrad) }
            return grads
        }
    }
}

import CSynapseKernels

/// Dense's per-example gradients in the outer-product form: example i's
/// kernel gradient is Σₜ xᵢₜ ⊗ gᵢₜ over its rows t (one row for a plain batch
/// of vectors). For one row per example the squared norm is
/// ‖xᵢ‖² ‖gᵢ‖² + ‖gᵢ‖² (kernel and bias) and is found without forming the
/// gradient ("ghost clipping"); the weighted sum is one GEMM, Xᵀ (w ⊙ G).
extension Dense: PerExampleGradientRule {
    var ruleParameters: [Parameter] { [kernel, bias].compactMap { $0 } }

    func forwardWithDetachedParameters(_ input: Tensor) -> (output: Tensor, finish: (Tensor) -> Tensor) {
        guard let kernel else { preconditionFailure("Dense '\(name)': called before it was built") }
        let rows = input.rank == 2 ? input : input.reshaped(to: [-1, kernel.shape[0]])
        let output = Tensor.linear(rows, weight: kernel.value.detached(), bias: bias?.value.detached())
        let outputShape = Array(input.shape.dropLast()) + [units]
        let activation = self.activation
        return (output, { activation(input.rank == 2 ? $0 : $0.reshaped(to: outputShape)) })
    }

    func perExampleGradients(input: Tensor, outputGradient: Tensor) -> [Tensor] {
        let (batch, rowsPerExample, features) = layout(input)
        let kernelGradients = Tensor(uninitializedShape: [batch, features, units])
        for example in 0 ..< batch {
            syn_sgemm(1, 0, features, units, rowsPerExample, 1,
                      input.storage.pointer + example * rowsPerExample * features, features,
                      outputGradient.storage.pointer + example * rowsPerExample * units, units, 0,
                      kernelGradients.storage.pointer + example * features * units, units)
        }
        guard useBias else { return [kernelGradients] }
        return [kernelGradients, outputGradient.reshaped(to: [batch, rowsPerExample, units]).sum(alongAxis: 1)]
    }

    func perExampleSquaredNorms(input: Tensor, outputGradient: Tensor) -> [Float] {
        let (batch, rowsPerExample, features) = layout(input)
        guard rowsPerExample == 1 else {
            // Several rows per example: the Gram-matrix trick costs more than forming the gradients.
            return squaredNormsPerExample(perExampleGradients(input: input, outputGradient: outputGradient), batch: batch)
        }
        let inputNorms = rowSquaredNorms(input, rows: batch, width: features)
        let gradientNorms = rowSquaredNorms(outputGradient, rows: batch, width: units)
        return (0 ..< batch).map { inputNorms[$0] * gradientNorms[$0] + (useBias ? gradientNorms[$0] : 0) }
    }

    func weightedGradients(input: Tensor, outputGradient: Tensor, weights: [Float]) -> [Tensor] {
        let (batch, rowsPerExample, features) = layout(input)
        var scaled = Tensor(uninitializedShape: [batch * rowsPerExample, units])
        outputGradient.withUnsafeBufferPointer { gradient in
            scaled.withUnsafeMutableBufferPointer { out in
                for row in 0 ..< batch * rowsPerExample {
                    let weight = weights[row / rowsPerExample]
                    for unit in 0 ..< units { out[row * units + unit] = weight * gradient[row * units + unit] }
                }
            }
        }
        let kernelGradient = Tensor(uninitializedShape: [features, units])
        syn_sgemm(1, 0, features, units, batch * rowsPerExample, 1, input.storage.pointer, features,
                  scaled.storage.pointer, units, 0, kernelGradient.storage.pointer, units)
        guard useBias else { return [kernelGradient] }
        return [kernelGradient, scaled.sum(alongAxis: 0)]
    }

    /// Examples, rows per example and features of a captured input.
    private func layout(_ input: Tensor) -> (batch: Int, rowsPerExample: Int, features: Int) {
        let features = input.shape[input.rank - 1]
        let batch = input.shape[0]
        return (batch, input.count / max(batch * features, 1), features)
    }
}

import CSynapseKernels

/// The kernels', bias's and input's gradients from the pre-activation
/// gradients of every step: one GEMM each.
struct RecurrenceWeightGradients {
    let geometry: RecurrenceGeometry
    let tape: RecurrenceTape
    let gradients: RecurrenceBackward.PreactivationGradients
    let kernel: Tensor

    private var rows: Int { geometry.steps * geometry.batch }

    /// xᵀ · dz over all steps.
    func kernelGradient() -> Tensor {
        let g = geometry, result = Tensor(uninitializedShape: [g.features, g.gateWidth])
        syn_sgemm(1, 0, g.features, g.gateWidth, rows, 1, tape.stepInputs.storage.pointer, g.features,
                  gradients.input.storage.pointer, g.gateWidth, 0, result.storage.pointer, g.gateWidth)
        return result
    }

    /// h₋ᵀ · dz_recurrent over all steps.
    func recurrentKernelGradient() -> Tensor {
        let g = geometry, result = Tensor(uninitializedShape: [g.units, g.gateWidth])
        syn_sgemm(1, 0, g.units, g.gateWidth, rows, 1, tape.hidden.storage.pointer, g.units,
                  gradients.recurrent.storage.pointer, g.gateWidth, 0, result.storage.pointer, g.gateWidth)
        return result
    }

    /// The column sums of dz (and of dz_recurrent, the GRU's second row).
    func biasGradient() -> Tensor {
        let g = geometry
        let sources = g.kind == .gru ? [gradients.input, gradients.recurrent] : [gradients.input]
        let result = Tensor(uninitializedShape: g.kind == .gru ? [2, g.gateWidth] : [g.gateWidth])
        let ones = Tensor.ones([rows])
        for (index, source) in sources.enumerated() {
            syn_sgemm(0, 0, 1, g.gateWidth, rows, 1, ones.storage.pointer, rows, source.storage.pointer, g.gateWidth,
                      0, result.storage.pointer + index * g.gateWidth, g.gateWidth)
        }
        return result
    }

    /// dz · Wᵀ, put back from step order into `[batch, time, features]`.
    func inputGradient() -> Tensor {
        let g = geometry
        let byStep = Tensor(uninitializedShape: [rows, g.features])
        syn_sgemm(0, 1, rows, g.features, g.gateWidth, 1, gradients.input.storage.pointer, g.gateWidth,
                  kernel.storage.pointer, g.gateWidth, 0, byStep.storage.pointer, g.features)
        let result = Tensor(uninitializedShape: [g.batch, g.steps, g.features])
        for step in 0..<g.steps {
            let time = g.time(ofStep: step)
            for example in 0..<g.batch {
                (result.storage.pointer + (example * g.steps + time) * g.features)
                    .update(from: byStep.storage.pointer + (step * g.batch + example) * g.features, count: g.features)
            }
        }
        return result
    }
}

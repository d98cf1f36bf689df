import CSynapseKernels

/// The backward pass of a fused recurrence through time: each step, in
/// reverse, turns the gradient of `h` (and `c`) into the gradients of the
/// gates' pre-activations and one GEMM carries it to the previous `h`; then
/// single GEMMs over all steps give the kernels', bias's and input's gradients.
struct RecurrenceBackward {
    let tape: RecurrenceTape
    let kernel: UnsafeMutablePointer<Float>, recurrentKernel: UnsafeMutablePointer<Float>
    let activation: RecurrentNonlinearity, recurrentActivation: RecurrentNonlinearity

    /// The gradients of the pre-activations: `[steps·batch, gateWidth]`, and
    /// for the GRU those of `h·R + b_rec` apart (the reset gate scales h̃'s).
    struct PreactivationGradients {
        let input: Tensor
        let recurrent: Tensor
        /// The gradients of the initial states.
        let initialStates: [Tensor]
    }

    /// Runs back through every step from the packed result's gradient.
    func gradients(packedGradient: Tensor) -> PreactivationGradients {
        let g = tape.geometry, units = g.units, size = g.batch * units, rows = g.steps * g.batch
        let input = Tensor(uninitializedShape: [rows, g.gateWidth])
        let recurrent = g.kind == .gru ? Tensor(uninitializedShape: [rows, g.gateWidth]) : input
        var hidden = Tensor(uninitializedShape: [g.batch, units]), previous = Tensor(uninitializedShape: [g.batch, units])
        let cell = g.kind == .lstm ? Tensor(uninitializedShape: [g.batch, units]) : nil
        let upstream = packedGradient.storage.pointer
        for example in 0..<g.batch {
            (hidden.storage.pointer + example * units)
                .update(from: upstream + (example * g.packedRows + g.steps) * units, count: units)
            if let cell {
                (cell.storage.pointer + example * units)
                    .update(from: upstream + (example * g.packedRows + g.steps + 1) * units, count: units)
            }
        }
        // The output gradient waiting for the last computed step at or before this one.
        let carried = UnsafeMutablePointer<Float>.allocate(capacity: size)
        defer { carried.deallocate() }
        carried.initialize(repeating: 0, count: size)
        // Every step multiplies by the recurrent kernel's transpose: pack it once.
        let recurrentTransposed = PackedGemmOperand(recurrentKernel, depth: g.gateWidth, width: units,
                                                    transposed: true, rowStride: g.gateWidth)
        for step in (0..<g.steps).reversed() {
            let dh = hidden.storage.pointer, row = g.outputRow(ofStep: step)
            for example in 0..<g.batch {
                let waiting = carried + example * units, incoming = upstream + (example * g.packedRows + row) * units
                for j in 0..<units { waiting[j] += incoming[j] }
                if tape.keeps(step: step, example: example) {
                    for j in 0..<units { dh[example * units + j] += waiting[j]; waiting[j] = 0 }
                }
            }
            let dz = input.storage.pointer + step * g.batch * g.gateWidth
            let dzRecurrent = recurrent.storage.pointer + step * g.batch * g.gateWidth
            switch g.kind {
            case .simple: simpleGates(step, dh: dh, dz: dz)
            case .lstm: lstmGates(step, dh: dh, dc: cell!.storage.pointer, dz: dz)
            case .gru: gruGates(step, dh: dh, dz: dz, dzRecurrent: dzRecurrent)
            }
            let dhPrevious = previous.storage.pointer
            recurrentTransposed.multiply(dzRecurrent, rows: g.batch, aStride: g.gateWidth, beta: 0,
                                         into: dhPrevious, cStride: units)
            for example in 0..<g.batch {
                let at = example * units
                if !tape.keeps(step: step, example: example) {
                    (dhPrevious + at).update(from: dh + at, count: units)
                } else if g.kind == .gru {
                    let z = tape.gates.storage.pointer + (step * g.batch + example) * g.gateWidth
                    for j in 0..<units { dhPrevious[at + j] += dh[at + j] * z[j] }
                }
            }
            swap(&hidden, &previous)
        }
        return PreactivationGradients(input: input, recurrent: recurrent,
                                      initialStates: [hidden] + (cell.map { [$0] } ?? []))
    }

    /// dz = dh · activation′ for the simple cell.
    private func simpleGates(_ step: Int, dh: UnsafeMutablePointer<Float>, dz: UnsafeMutablePointer<Float>) {
        let g = tape.geometry, units = g.units
        let state = tape.gates.storage.pointer + step * g.batch * units
        for example in 0..<g.batch {
            let at = example * units
            guard tape.keeps(step: step, example: example) else { (dz + at).update(repeating: 0, count: units); continue }
            for j in 0..<units { dz[at + j] = dh[at + j] * activation.derivative(output: state[at + j]) }
        }
    }

    /// The four gates' pre-activation gradients; `dc` becomes the gradient of `c₋`.
    private func lstmGates(_ step: Int, dh: UnsafeMutablePointer<Float>, dc: UnsafeMutablePointer<Float>,
                           dz: UnsafeMutablePointer<Float>) {
        let g = tape.geometry, units = g.units, width = g.gateWidth, size = g.batch * units
        let cPrev = tape.cells!.storage.pointer + step * size
        let cActivated = tape.cellActivations!.storage.pointer + step * size
        for example in 0..<g.batch {
            let gate = tape.gates.storage.pointer + (step * g.batch + example) * width
            let d = dz + example * width, at = example * units
            guard tape.keeps(step: step, example: example) else { d.update(repeating: 0, count: width); continue }
            for j in 0..<units {
                let i = gate[j], f = gate[units + j], candidate = gate[2 * units + j], o = gate[3 * units + j]
                let tc = cActivated[at + j], dhj = dh[at + j]
                let dcTotal = dc[at + j] + dhj * o * activation.derivative(output: tc)
                d[j] = dcTotal * candidate * recurrentActivation.derivative(output: i)
                d[units + j] = dcTotal * cPrev[at + j] * recurrentActivation.derivative(output: f)
                d[2 * units + j] = dcTotal * i * activation.derivative(output: candidate)
                d[3 * units + j] = dhj * tc * recurrentActivation.derivative(output: o)
                dc[at + j] = dcTotal * f
            }
        }
    }

    /// The GRU's gradients: z and r share theirs between the input and the
    /// recurrent projections; h̃'s recurrent part is scaled by r.
    private func gruGates(_ step: Int, dh: UnsafeMutablePointer<Float>, dz: UnsafeMutablePointer<Float>,
                          dzRecurrent: UnsafeMutablePointer<Float>) {
        let g = tape.geometry, units = g.units, width = g.gateWidth, size = g.batch * units
        let hPrev = tape.hidden.storage.pointer + step * size
        for example in 0..<g.batch {
            let offset = (step * g.batch + example) * width
            let gate = tape.gates.storage.pointer + offset
            let projection = tape.recurrentProjections!.storage.pointer + offset
            let d = dz + example * width, dr = dzRecurrent + example * width, at = example * units
            guard tape.keeps(step: step, example: example) else {
                d.update(repeating: 0, count: width); dr.update(repeating: 0, count: width); continue
            }
            for j in 0..<units {
                let z = gate[j], r = gate[units + j], candidate = gate[2 * units + j], dhj = dh[at + j]
                let dCandidate = dhj * (1 - z) * activation.derivative(output: candidate)
                let dzGate = dhj * (hPrev[at + j] - candidate) * recurrentActivation.derivative(output: z)
                let drGate = dCandidate * projection[2 * units + j] * recurrentActivation.derivative(output: r)
                d[j] = dzGate; dr[j] = dzGate
                d[units + j] = drGate; dr[units + j] = drGate
                d[2 * units + j] = dCandidate; dr[2 * units + j] = dCandidate * r
            }
        }
    }
}

import CSynapseKernels

/// The forward pass of a fused recurrence: one GEMM projects the inputs of
/// every step, then each step runs one recurrent GEMM (against the recurrent
/// kernel packed once for all steps) and one pass over the gates. Fills the tape and the packed result `[batch, steps + states, units]`
/// (the output sequence, then the final `h` and `c`).
struct RecurrenceForward {
    let tape: RecurrenceTape
    let kernel: UnsafeMutablePointer<Float>, recurrentKernel: UnsafeMutablePointer<Float>
    let bias: UnsafeMutablePointer<Float>?
    let activation: RecurrentNonlinearity, recurrentActivation: RecurrentNonlinearity

    func run(input: Tensor, initialStates: [Tensor], packed: Tensor) {
        let g = tape.geometry
        let rows = g.steps * g.batch, width = g.gateWidth, units = g.units
        let x = input.storage.pointer, xs = tape.stepInputs.storage.pointer
        for step in 0..<g.steps {
            let time = g.time(ofStep: step)
            for example in 0..<g.batch {
                (xs + (step * g.batch + example) * g.features)
                    .update(from: x + (example * g.steps + time) * g.features, count: g.features)
            }
        }
        let gates = tape.gates.storage.pointer
        syn_sgemm(0, 0, rows, width, g.features, 1, xs, g.features, kernel, width, 0, gates, width)
        if let bias { for row in 0..<rows { addRow(bias, to: gates + row * width, count: width) } }
        tape.hidden.storage.pointer.update(from: initialStates[0].storage.pointer, count: g.batch * units)
        if let cells = tape.cells { cells.storage.pointer.update(from: initialStates[1].storage.pointer, count: g.batch * units) }

        // The output a masked step repeats: the last computed one, zeros before any.
        let lastOutput = UnsafeMutablePointer<Float>.allocate(capacity: g.batch * units)
        defer { lastOutput.deallocate() }
        lastOutput.initialize(repeating: 0, count: g.batch * units)
        let out = packed.storage.pointer
        // Every step multiplies by the same recurrent kernel: pack it once.
        let recurrent = PackedGemmOperand(recurrentKernel, depth: units, width: width, transposed: false, rowStride: width)
        for step in 0..<g.steps {
            switch g.kind {
            case .simple: simpleStep(step, recurrent)
            case .lstm: lstmStep(step, recurrent)
            case .gru: gruStep(step, recurrent)
            }
            let hNext = tape.hidden.storage.pointer + (step + 1) * g.batch * units
            let row = g.outputRow(ofStep: step)
            for example in 0..<g.batch {
                let last = lastOutput + example * units
                if tape.keeps(step: step, example: example) { last.update(from: hNext + example * units, count: units) }
                (out + (example * g.packedRows + row) * units).update(from: last, count: units)
            }
        }
        let finalStates = [tape.hidden, tape.cells].compactMap { $0 }
        for (index, states) in finalStates.enumerated() {
            let final = states.storage.pointer + g.steps * g.batch * units
            for example in 0..<g.batch {
                (out + (example * g.packedRows + g.steps + index) * units).update(from: final + example * units, count: units)
            }
        }
    }

    /// `h = activation(x·W + b + h·R)`.
    private func simpleStep(_ step: Int, _ recurrent: PackedGemmOperand) {
        let g = tape.geometry, units = g.units, size = g.batch * units
        let gate = tape.gates.storage.pointer + step * size
        let hPrev = tape.hidden.storage.pointer + step * size, hNext = hPrev + size
        recurrent.multiply(hPrev, rows: g.batch, aStride: units, beta: 1, into: gate, cStride: units)
        activation.apply(gate, count: size)
        hNext.update(from: gate, count: size)
        carryMaskedRows(step: step, from: hPrev, to: hNext)
    }

    /// Gates i, f, g, o; `c = f·c₋ + i·g`, `h = o·activation(c)`.
    private func lstmStep(_ step: Int, _ recurrent: PackedGemmOperand) {
        let g = tape.geometry, units = g.units, width = g.gateWidth, size = g.batch * units
        let gates = tape.gates.storage.pointer + step * g.batch * width
        let hPrev = tape.hidden.storage.pointer + step * size, hNext = hPrev + size
        let cPrev = tape.cells!.storage.pointer + step * size, cNext = cPrev + size
        let cActivated = tape.cellActivations!.storage.pointer + step * size
        recurrent.multiply(hPrev, rows: g.batch, aStride: units, beta: 1, into: gates, cStride: width)
        for example in 0..<g.batch {
            let gate = gates + example * width, at = example * units
            recurrentActivation.apply(gate, count: 2 * units)
            activation.apply(gate + 2 * units, count: units)
            recurrentActivation.apply(gate + 3 * units, count: units)
            for j in 0..<units {
                cNext[at + j] = gate[units + j] * cPrev[at + j] + gate[j] * gate[2 * units + j]
            }
            (cActivated + at).update(from: cNext + at, count: units)
            activation.apply(cActivated + at, count: units)
            for j in 0..<units { hNext[at + j] = gate[3 * units + j] * cActivated[at + j] }
        }
        carryMaskedRows(step: step, from: hPrev, to: hNext)
        carryMaskedRows(step: step, from: cPrev, to: cNext)
    }

    /// Gates z, r and the candidate h̃ = activation(x·W_h + b_h + r·(h·R_h + b_rec,h));
    /// `h = z·h₋ + (1 − z)·h̃`.
    private func gruStep(_ step: Int, _ recurrent: PackedGemmOperand) {
        let g = tape.geometry, units = g.units, width = g.gateWidth, size = g.batch * units
        let gates = tape.gates.storage.pointer + step * g.batch * width
        let projections = tape.recurrentProjections!.storage.pointer + step * g.batch * width
        let hPrev = tape.hidden.storage.pointer + step * size, hNext = hPrev + size
        recurrent.multiply(hPrev, rows: g.batch, aStride: units, beta: 0, into: projections, cStride: width)
        for example in 0..<g.batch {
            let gate = gates + example * width, projection = projections + example * width, at = example * units
            if let bias { addRow(bias + width, to: projection, count: width) }
            for j in 0..<(2 * units) { gate[j] += projection[j] }
            recurrentActivation.apply(gate, count: 2 * units)
            for j in 0..<units { gate[2 * units + j] += gate[units + j] * projection[2 * units + j] }
            activation.apply(gate + 2 * units, count: units)
            for j in 0..<units {
                let z = gate[j]
                hNext[at + j] = z * hPrev[at + j] + (1 - z) * gate[2 * units + j]
            }
        }
        carryMaskedRows(step: step, from: hPrev, to: hNext)
    }

    /// Copies the rows of masked examples from the state before the step.
    private func carryMaskedRows(step: Int, from previous: UnsafeMutablePointer<Float>, to next: UnsafeMutablePointer<Float>) {
        guard tape.keep != nil else { return }
        let g = tape.geometry
        for example in 0..<g.batch where !tape.keeps(step: step, example: example) {
            (next + example * g.units).update(from: previous + example * g.units, count: g.units)
        }
    }

    private func addRow(_ row: UnsafeMutablePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        for j in 0..<count { target[j] += row[j] }
    }
}

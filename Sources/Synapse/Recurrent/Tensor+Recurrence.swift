import CSynapseKernels

extension Tensor {
    /// A whole recurrent layer over time as one differentiable operation.
    ///
    /// `input` is `[batch, time, features]`, `kernel` `[features, G·units]`,
    /// `recurrentKernel` `[units, G·units]` (G gates in Keras's order), `bias`
    /// `[G·units]` (`[2, 3·units]` for the GRU: input row, recurrent row), the
    /// initial states `[batch, units]` each (`h`, and `c` for the LSTM), and
    /// `mask`, if any, `[batch, time]` with 0 for steps that carry the state
    /// and repeat the previous output (zeros before the first computed step).
    ///
    /// The result packs `[batch, time + states, units]`: the output of every
    /// step (by step, or by input time with `outputInTimeOrder`), then the
    /// final `h` (and `c`). One node of the gradient graph covers all of it.
    static func recurrence(_ input: Tensor, kind: RecurrentCellKind, kernel: Tensor, recurrentKernel: Tensor,
                           bias: Tensor?, initialStates: [Tensor], mask: Tensor?,
                           activation: RecurrentNonlinearity, recurrentActivation: RecurrentNonlinearity,
                           goBackwards: Bool, outputInTimeOrder: Bool) -> Tensor {
        let geometry = RecurrenceGeometry(
            kind: kind, input: input.shape, kernel: kernel.shape, recurrentKernel: recurrentKernel.shape,
            bias: bias?.shape, initialStates: initialStates.map(\.shape), mask: mask?.shape,
            goBackwards: goBackwards, outputInTimeOrder: outputInTimeOrder)
        let tape = RecurrenceTape(geometry: geometry, mask: mask)
        let packed = Tensor(uninitializedShape: [geometry.batch, geometry.packedRows, geometry.units])
        RecurrenceForward(tape: tape, kernel: kernel.storage.pointer, recurrentKernel: recurrentKernel.storage.pointer,
                          bias: bias?.storage.pointer, activation: activation, recurrentActivation: recurrentActivation)
            .run(input: input, initialStates: initialStates, packed: packed)
        let inputs = [input, kernel, recurrentKernel] + (bias.map { [$0] } ?? []) + initialStates
        let needed = inputs.map(\.requiresGradient)
        return recording(packed, inputs) { packedGradient in
            let backward = RecurrenceBackward(tape: tape, kernel: kernel.storage.pointer,
                                              recurrentKernel: recurrentKernel.storage.pointer,
                                              activation: activation, recurrentActivation: recurrentActivation)
            let pre = backward.gradients(packedGradient: packedGradient)
            let weights = RecurrenceWeightGradients(geometry: geometry, tape: tape, gradients: pre, kernel: kernel)
            var result: [Tensor?] = [needed[0] ? weights.inputGradient() : nil, needed[1] ? weights.kernelGradient() : nil,
                                     needed[2] ? weights.recurrentKernelGradient() : nil]
            if bias != nil { result.append(needed[3] ? weights.biasGradient() : nil) }
            for state in pre.initialStates { result.append(needed[result.count] ? state : nil) }
            return result
        }
    }
}

/// The sizes and ordering of one fused recurrence, checked once.
///
/// Steps are numbered in processing order: step `s` reads input time
/// `time(ofStep: s)`, which runs backwards with `goBackwards`.
struct RecurrenceGeometry {
    let kind: RecurrentCellKind
    let batch: Int, steps: Int, features: Int, units: Int
    let goBackwards: Bool
    /// Whether the output sequence is stored by input time instead of by
    /// step (what `Bidirectional` wants from its backward layer).
    let outputInTimeOrder: Bool

    /// The width of the kernels' last axis: every gate's units.
    var gateWidth: Int { kind.gateCount * units }

    /// The rows of the packed result per example: the output sequence, then
    /// the final `h` (and `c`).
    var packedRows: Int { steps + kind.stateCount }

    /// The input time step `step` reads.
    @inline(__always)
    func time(ofStep step: Int) -> Int { goBackwards ? steps - 1 - step : step }

    /// The row of the output sequence where step `step`'s output goes.
    @inline(__always)
    func outputRow(ofStep step: Int) -> Int { outputInTimeOrder ? time(ofStep: step) : step }

    /// Checks every shape against the input's and the kind's; traps naming them.
    init(kind: RecurrentCellKind, input: [Int], kernel: [Int], recurrentKernel: [Int], bias: [Int]?,
         initialStates: [[Int]], mask: [Int]?, goBackwards: Bool, outputInTimeOrder: Bool) {
        let shapes = "input \(input), kernel \(kernel), recurrent kernel \(recurrentKernel), bias \(bias ?? []), "
            + "initial states \(initialStates), mask \(mask ?? [])"
        precondition(input.count == 3, "recurrence: \(shapes): the input needs 3 axes [batch, time, features]")
        precondition(recurrentKernel.count == 2 && recurrentKernel[1] == kind.gateCount * recurrentKernel[0],
                     "recurrence: \(shapes): the recurrent kernel must be [units, \(kind.gateCount)·units]")
        let units = recurrentKernel[0], width = kind.gateCount * units
        precondition(kernel == [input[2], width], "recurrence: \(shapes): the kernel must be [features, \(width)]")
        if let bias {
            let expected = kind == .gru ? [2, width] : [width]
            precondition(bias == expected, "recurrence: \(shapes): the bias must be \(expected)")
        }
        precondition(initialStates.count == kind.stateCount && initialStates.allSatisfy { $0 == [input[0], units] },
                     "recurrence: \(shapes): needs \(kind.stateCount) initial state(s) of [batch, units]")
        precondition(mask == nil || mask! == [input[0], input[1]], "recurrence: \(shapes): the mask must be [batch, time]")
        self.kind = kind
        batch = input[0]; steps = input[1]; features = input[2]; self.units = units
        self.goBackwards = goBackwards
        self.outputInTimeOrder = outputInTimeOrder
    }
}

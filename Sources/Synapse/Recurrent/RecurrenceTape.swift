/// What a fused recurrence's forward pass keeps for its backward pass, in
/// processing order (step-major, `[steps, batch, …]`).
final class RecurrenceTape {
    let geometry: RecurrenceGeometry
    /// The input, reordered by step: `[steps·batch, features]`.
    let stepInputs: Tensor
    /// The activated gates of every step, `[steps·batch, gateWidth]`: LSTM
    /// i, f, g, o; GRU z, r, h̃; SimpleRNN the new state.
    let gates: Tensor
    /// `h` before each step and after the last, `[(steps + 1)·batch, units]`.
    let hidden: Tensor
    /// LSTM only: `c` before each step and after the last, and the
    /// activation of each new `c`, `[steps·batch, units]`.
    let cells: Tensor?, cellActivations: Tensor?
    /// GRU only: `h·R + b_rec` of every step, `[steps·batch, gateWidth]`.
    let recurrentProjections: Tensor?
    /// 1 where step `s` of example `b` is computed, 0 where it carries the
    /// state (`[steps·batch]`); nil when every step counts.
    let keep: [Float]?

    init(geometry g: RecurrenceGeometry, mask: Tensor?) {
        geometry = g
        let rows = g.steps * g.batch
        stepInputs = Tensor(uninitializedShape: [rows, g.features])
        gates = Tensor(uninitializedShape: [rows, g.gateWidth])
        hidden = Tensor(uninitializedShape: [rows + g.batch, g.units])
        cells = g.kind == .lstm ? Tensor(uninitializedShape: [rows + g.batch, g.units]) : nil
        cellActivations = g.kind == .lstm ? Tensor(uninitializedShape: [rows, g.units]) : nil
        recurrentProjections = g.kind == .gru ? Tensor(uninitializedShape: [rows, g.gateWidth]) : nil
        keep = mask.map { mask in
            var keep = [Float](repeating: 0, count: rows)
            let values = mask.storage.pointer
            for step in 0..<g.steps {
                let time = g.time(ofStep: step)
                for example in 0..<g.batch where values[example * g.steps + time] != 0 { keep[step * g.batch + example] = 1 }
            }
            return keep
        }
    }

    /// Whether step `step` of `example` is computed rather than carried.
    @inline(__always)
    func keeps(step: Int, example: Int) -> Bool {
        guard let keep else { return true }
        return keep[step * geometry.batch + example] != 0
    }
}

/// The cell a fused recurrence runs at each step, with Keras's gate order.
enum RecurrentCellKind: Sendable {
    /// `h = activation(x·W + h·R + b)`: one gate.
    case simple
    /// Four gates in Keras's order i, f, c, o; carries `h` and `c`.
    case lstm
    /// Three gates in Keras's order z, r, h, the `reset_after` variant: the
    /// reset gate multiplies `h·R_h + b_rec,h`, and there are two bias rows.
    case gru

    /// The number of `units`-wide blocks in the kernels' last axis.
    var gateCount: Int {
        switch self {
        case .simple: return 1
        case .lstm: return 4
        case .gru: return 3
        }
    }

    /// The states the cell carries: `h`, plus `c` for the LSTM.
    var stateCount: Int { self == .lstm ? 2 : 1 }
}

import XCTest
@testable import Synapse

/// Finite-difference checks of the fused recurrence (one node for a whole
/// layer over time): each cell, forwards and backwards, with a mask and with
/// the output in time order (Bidirectional's backward layer), for the
/// input, the kernels, the bias and the initial states at once.
final class RecurrentGradientTests: XCTestCase, GradientChecked {
    static var gradientCases: [GradientCase] {
        let mask = Tensor(shape: [2, 4], scalars: [1, 0, 1, 1, 0, 1, 1, 0])
        return [
            recurrenceCase(.simple, activation: .tanh, goBackwards: false, mask: nil, seed: 1),
            recurrenceCase(.lstm, activation: .tanh, goBackwards: false, mask: nil, seed: 2),
            recurrenceCase(.gru, activation: .tanh, goBackwards: false, mask: nil, seed: 3),
            recurrenceCase(.lstm, activation: .tanh, goBackwards: true, mask: mask, seed: 4),
            recurrenceCase(.gru, activation: .tanh, goBackwards: true, mask: mask, seed: 5, timeOrder: true),
            recurrenceCase(.simple, activation: .relu, goBackwards: false, mask: mask, seed: 6),
            recurrenceCase(.lstm, activation: .linear, goBackwards: false, mask: nil, seed: 7),
        ]
    }

    /// A check of `Tensor.recurrence` with batch 2, 4 steps, 3 features and
    /// 2 units, weighting every packed output (sequence and final states).
    private static func recurrenceCase(_ kind: RecurrentCellKind, activation: RecurrentNonlinearity, goBackwards: Bool,
                                       mask: Tensor?, seed: UInt64, timeOrder: Bool = false,
                                       line: UInt = #line) -> GradientCase {
        let units = 2, width = kind.gateCount * units
        var inputs = [Tensor.randomNormal([2, 4, 3], seed: seed),
                      Tensor.randomNormal([3, width], standardDeviation: 0.6, seed: seed + 10),
                      Tensor.randomNormal([units, width], standardDeviation: 0.6, seed: seed + 20),
                      Tensor.randomNormal(kind == .gru ? [2, width] : [width], standardDeviation: 0.3, seed: seed + 30)]
        for state in 0..<kind.stateCount {
            inputs.append(Tensor.randomNormal([2, units], standardDeviation: 0.5, seed: seed + 40 + UInt64(state)))
        }
        let weights = Tensor.randomNormal([2, 4 + kind.stateCount, units], seed: seed + 50)
        return GradientCase(at: inputs, line: line) { inputs in
            let packed = Tensor.recurrence(
                inputs[0], kind: kind, kernel: inputs[1], recurrentKernel: inputs[2], bias: inputs[3],
                initialStates: Array(inputs[4...]), mask: mask, activation: activation, recurrentActivation: .sigmoid,
                goBackwards: goBackwards, outputInTimeOrder: timeOrder)
            return (packed * weights).sum()
        }
    }

    func testGradientCases() { Self.gradientCases.assertAllPass() }

    func testBidirectionalGradientsMatchFiniteDifferences() {
        // The layer as a whole (slicing, merging), for its input.
        let layer = Bidirectional(LSTM(2, returnSequences: true), mergeMode: .mul)
        let input = Tensor.randomNormal([2, 3, 2], seed: 9)
        _ = layer(input)
        let weights = Tensor.randomNormal([2, 3, 2], seed: 10)
        assertGradientsMatch(at: [input]) { inputs in (layer(inputs[0]) * weights).sum() }
    }
}

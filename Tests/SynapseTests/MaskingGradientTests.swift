import XCTest
@testable import Synapse

/// Finite-difference checks of the masked calls, which add no operation of
/// their own but compose existing ones with the mask: the global 1-D pools
/// over unmasked steps (including a fully masked row), and Bidirectional's
/// zeros at masked steps of its sequence.
final class MaskingGradientTests: XCTestCase, GradientChecked {
    static var gradientCases: [GradientCase] {
        let mask = Tensor(shape: [3, 4], scalars: [1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0])
        let input = Tensor.randomNormal([3, 4, 2], seed: 11)
        let poolWeights = Tensor.randomNormal([3, 2], seed: 12)
        let bidirectional = Bidirectional(GRU(2, returnSequences: true), mergeMode: .sum)
        _ = bidirectional(input)
        let sequenceWeights = Tensor.randomNormal([3, 4, 2], seed: 13)
        return [
            GradientCase(at: [input]) { (GlobalAveragePool1D()($0[0], mask: mask) * poolWeights).sum() },
            GradientCase(at: [input]) { (GlobalMaxPool1D()($0[0], mask: mask) * poolWeights).sum() },
            GradientCase(at: [input]) { (bidirectional($0[0], mask: mask) * sequenceWeights).sum() },
        ]
    }

    func testGradientCases() { Self.gradientCases.assertAllPass() }
}

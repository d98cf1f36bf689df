import XCTest
@testable import Synapse

/// Finite-difference checks of the masked calls: the fused attention with a
/// padding mask on the keys (also with the causal mask, where a query sees
/// no key), the global 1-D pools over unmasked steps (including a fully
/// masked row), and Bidirectional's zeros at masked steps of its sequence.
final class MaskingGradientTests: XCTestCase, GradientChecked {
    static var gradientCases: [GradientCase] {
        let mask = Tensor(shape: [3, 4], scalars: [1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0])
        let input = Tensor.randomNormal([3, 4, 2], seed: 11)
        let poolWeights = Tensor.randomNormal([3, 2], seed: 12)
        let bidirectional = Bidirectional(GRU(2, returnSequences: true), mergeMode: .sum)
        _ = bidirectional(input)
        let sequenceWeights = Tensor.randomNormal([3, 4, 2], seed: 13)
        let query = Tensor.randomNormal([2, 3, 4], seed: 14), key = Tensor.randomNormal([2, 5, 4], seed: 15)
        let value = Tensor.randomNormal([2, 5, 6], seed: 16), attentionWeights = Tensor.randomNormal([2, 3, 6], seed: 17)
        // The second example's first three keys are hidden: with the causal mask its first query sees none.
        let keyMask = Tensor(shape: [2, 5], scalars: [1, 0, 1, 1, 0, 0, 0, 0, 1, 1])
        return [
            GradientCase(at: [query, key, value]) { inputs in
                (Tensor.scaledDotProductAttention(query: inputs[0], key: inputs[1], value: inputs[2], heads: 2,
                                                  keyMask: keyMask) * attentionWeights).sum()
            },
            GradientCase(at: [query, key, value]) { inputs in
                (Tensor.scaledDotProductAttention(query: inputs[0], key: inputs[1], value: inputs[2], heads: 2,
                                                  causal: true, keyMask: keyMask) * attentionWeights).sum()
            },
            GradientCase(at: [input]) { (GlobalAveragePool1D()($0[0], mask: mask) * poolWeights).sum() },
            GradientCase(at: [input]) { (GlobalMaxPool1D()($0[0], mask: mask) * poolWeights).sum() },
            GradientCase(at: [input]) { (bidirectional($0[0], mask: mask) * sequenceWeights).sum() },
        ]
    }

    func testGradientCases() { Self.gradientCases.assertAllPass() }
}

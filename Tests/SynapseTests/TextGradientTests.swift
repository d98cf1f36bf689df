import XCTest
@testable import Synapse

/// Finite-difference checks of the text operations: the embedding lookup,
/// the fused attention (with and without the causal mask, and with more keys
/// than queries as in a cached decoder step) and the position embedding.
final class TextGradientTests: XCTestCase, GradientChecked {
    static var gradientCases: [GradientCase] {
        let indices = Tensor(indices: [1, 3, 1, 0, 2, 3], shape: [2, 3])
        let upstream = Tensor.randomNormal([2, 3, 4], seed: 5)
        let query = Tensor.randomNormal([2, 3, 4], seed: 1)
        let key = Tensor.randomNormal([2, 5, 4], seed: 2)
        let value = Tensor.randomNormal([2, 5, 6], seed: 3)
        let weights = Tensor.randomNormal([2, 3, 6], seed: 4)
        let positions = PositionalEmbedding(sequenceLength: 5)
        _ = positions(query)
        return [
            GradientCase(at: [Tensor.randomNormal([4, 4], seed: 6)]) { inputs in
                (Tensor.embeddingLookup(inputs[0], indices: indices) * upstream).sum()
            },
            GradientCase(at: [query, key, value]) { inputs in
                (Tensor.scaledDotProductAttention(query: inputs[0], key: inputs[1], value: inputs[2], heads: 2) * weights).sum()
            },
            GradientCase(at: [query, key, value]) { inputs in
                (Tensor.scaledDotProductAttention(query: inputs[0], key: inputs[1], value: inputs[2], heads: 2,
                                                  causal: true) * weights).sum()
            },
            // The fused layer normalisation, for the input, γ and β at once.
            GradientCase(at: [Tensor.randomNormal([2, 3, 4], seed: 8), Tensor.randomNormal([4], seed: 9),
                              Tensor.randomNormal([4], seed: 10)]) { inputs in
                (inputs[0].layerNormalized(gamma: inputs[1], beta: inputs[2], epsilon: 1e-3) * upstream).sum()
            },
            GradientCase(at: [Tensor.randomNormal([2, 3, 4], seed: 7)]) { inputs in
                (positions(inputs[0], startingAt: 2) * upstream).sum()
            },
        ]
    }

    func testGradientCases() { Self.gradientCases.assertAllPass() }

    func testCausalMaskHidesLaterKeys() {
        // Changing the last key and value must not change any earlier query's output.
        let query = Tensor.randomNormal([1, 4, 4], seed: 1), key = Tensor.randomNormal([1, 4, 4], seed: 2)
        let value = Tensor.randomNormal([1, 4, 4], seed: 3)
        var changedKey = key, changedValue = value
        changedKey[0, 3, 0] += 5
        changedValue[0, 3, 1] -= 5
        let before = Tensor.scaledDotProductAttention(query: query, key: key, value: value, heads: 2, causal: true)
        let after = Tensor.scaledDotProductAttention(query: query, key: changedKey, value: changedValue, heads: 2, causal: true)
        assertClose(before.slice(alongAxis: 1, 0..<3), after.slice(alongAxis: 1, 0..<3), tolerance: 0)
        XCTAssertNotEqual(before.slice(alongAxis: 1, 3..<4), after.slice(alongAxis: 1, 3..<4))
    }
}

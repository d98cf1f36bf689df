import XCTest
@testable import Synapse

/// How a mask made by `Embedding(maskZero: true)` flows: padding anywhere in
/// a sequence leaves the outputs of the layers that read the mask as if it
/// were not there; layers that keep the mask pass it on, others end it; merge
/// layers combine masks as Keras's do.
final class MaskingTests: XCTestCase {
    private let ids = Tensor(indices: [3, 1, 4, 1, 5, 2, 6, 2], shape: [2, 4])
    /// `ids` with padding at the end of the first row and in the middle and at the start of the second.
    private let paddedIDs = Tensor(indices: [3, 1, 4, 1, 0, 0, 0, 5, 2, 0, 6, 2], shape: [2, 6])

    func testPaddingLeavesEveryMaskReadingLayerUnchanged() {
        let heads: [(String, () -> Layer)] = [
            ("SimpleRNN", { SimpleRNN(3) }), ("LSTM", { LSTM(3) }), ("GRU", { GRU(3) }),
            ("LSTM backwards", { LSTM(3, goBackwards: true) }),
            ("Bidirectional LSTM", { Bidirectional(LSTM(3)) }), ("Bidirectional GRU sum", { Bidirectional(GRU(3), mergeMode: .sum) }),
            ("GlobalAveragePool1D", { GlobalAveragePool1D() }), ("GlobalMaxPool1D", { GlobalMaxPool1D() }),
        ]
        for (label, makeHead) in heads {
            let model = Sequential([Embedding(inputDim: 9, outputDim: 4, maskZero: true), makeHead(), Dense(2)])
            assertClose(model(paddedIDs), model(ids), tolerance: 1e-5, label)
            let embedding = Embedding(inputDim: 9, outputDim: 4)
            let unmasked = Sequential([embedding, makeHead(), Dense(2)])
            _ = unmasked(ids)
            // The padding id's vector is made the largest in every feature, so
            // that it shows in a max-pool too, whatever the random draw was.
            var table = embedding.embeddings!.value.scalars
            for feature in 0..<4 { table[feature] = 5 }
            embedding.embeddings!.value = Tensor(shape: [9, 4], scalars: table)
            XCTAssertNotEqual(unmasked(paddedIDs).scalars, unmasked(ids).scalars, "\(label): without maskZero the padding counts")
        }
    }

    func testPaddedKeysAreHiddenFromSelfAttention() {
        let model = Sequential([Embedding(inputDim: 9, outputDim: 4, maskZero: true), MultiHeadAttention(numHeads: 2, keyDim: 2),
                                GlobalAveragePool1D(), Dense(2)])
        assertClose(model(paddedIDs), model(ids), tolerance: 1e-5)
        // A query that sees no key (causal, all earlier keys hidden) gives zeros before the output projection.
        let hidden = Tensor.scaledDotProductAttention(
            query: Tensor.randomNormal([1, 2, 2], seed: 3), key: Tensor.randomNormal([1, 2, 2], seed: 4),
            value: Tensor.randomNormal([1, 2, 2], seed: 5), heads: 1, causal: true, keyMask: Tensor(shape: [1, 2], scalars: [0, 1]))
        XCTAssertEqual(Array(hidden.scalars[0..<2]), [0, 0])
        XCTAssertFalse(hidden.scalars[2..<4].contains(0))
    }

    func testMaskPassesThroughStepwiseLayersToTheRecurrentLayer() {
        let model = Sequential([Embedding(inputDim: 9, outputDim: 4, maskZero: true), Dense(5), ActivationLayer(.relu),
                                Dropout(0.5), LayerNormalization(), LSTM(3, returnSequences: true), GRU(2)])
        assertClose(model(paddedIDs), model(ids), tolerance: 1e-5)
    }

    func testLayersThatDoNotKeepTheMaskEndIt() {
        let sequence = Tensor.randomNormal([2, 6, 4], seed: 1)
        let mask = paddedIDs .!= Tensor(0)
        XCTAssertNil(Conv1D(2, kernelSize: 3, padding: .same).callPropagatingMask(sequence, mask: mask).mask)
        XCTAssertNil(Flatten().callPropagatingMask(sequence, mask: mask).mask)
        XCTAssertNil(LSTM(3).callPropagatingMask(sequence, mask: mask).mask, "the last output has no steps")
        XCTAssertNil(GlobalAveragePool1D().callPropagatingMask(sequence, mask: mask).mask)
        XCTAssertEqual(LSTM(3, returnSequences: true).callPropagatingMask(sequence, mask: mask).mask?.scalars, mask.scalars)
        XCTAssertEqual(Dense(3).callPropagatingMask(sequence, mask: mask).mask?.scalars, mask.scalars)
        XCTAssertNil(Embedding(inputDim: 9, outputDim: 2).callPropagatingMask(paddedIDs, mask: nil).mask)
        XCTAssertEqual(Embedding(inputDim: 9, outputDim: 2, maskZero: true).callPropagatingMask(paddedIDs, mask: nil).mask?.scalars,
                       [1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1])
    }

    func testExplicitMaskGivesWhatTheModelPropagates() {
        let embedding = Embedding(inputDim: 9, outputDim: 4, maskZero: true)
        let lstm = LSTM(3, returnSequences: true)
        let model = Sequential([embedding, lstm])
        let mask = embedding.computeMask(for: paddedIDs, mask: nil)
        XCTAssertEqual(lstm(embedding(paddedIDs), mask: mask).scalars, model(paddedIDs).scalars)
        XCTAssertEqual(lstm(embedding(paddedIDs), mask: mask!).scalars, model(paddedIDs).scalars, "the older non-optional form")
        XCTAssertEqual(lstm(embedding(paddedIDs), mask: nil).scalars, lstm(embedding(paddedIDs)).scalars)
    }

    func testFunctionalGraphCarriesTheMaskThroughMerges() {
        let inputs = Input(shape: [6])
        let embedded = Embedding(inputDim: 9, outputDim: 4, maskZero: true)(inputs)
        let residual = Add()([embedded, Dense(4)(embedded)])
        let joined = Concatenate()([residual, Dense(2)(embedded)])
        let model = Functional(inputs: inputs, outputs: Dense(2)(GRU(3)(joined)))
        // The same ids, padded differently, give the same outputs.
        let other = Tensor(indices: [0, 3, 1, 4, 0, 1, 5, 2, 6, 2, 0, 0], shape: [2, 6])
        assertClose(model(paddedIDs), model(other), tolerance: 1e-5)
    }

    func testMergeLayersCombineMasksAsKeras() {
        let a = Tensor(shape: [1, 3], scalars: [1, 1, 0]), b = Tensor(shape: [1, 3], scalars: [0, 1, 1])
        let x = Tensor.zeros([1, 3, 2])
        XCTAssertEqual(Add().mergedMask([x, x], masks: [a, b])?.scalars, [0, 1, 0], "Add keeps steps both keep")
        XCTAssertEqual(Add().mergedMask([x, x], masks: [a, nil])?.scalars, [1, 1, 0], "an input without a mask counts as unmasked")
        XCTAssertNil(Add().mergedMask([x, x], masks: [nil, nil]))
        XCTAssertEqual(Concatenate().mergedMask([x, x], masks: [a, b])?.scalars, [1, 1, 1], "features: any input keeps the step")
        XCTAssertNil(Concatenate().mergedMask([x, x], masks: [a, nil]))
        XCTAssertEqual(Concatenate(axis: 1).mergedMask([x, Tensor.zeros([1, 2, 2])], masks: [a, nil])?.scalars,
                       [1, 1, 0, 1, 1], "time: the masks are joined")
    }

    func testMaskedPoolsLeaveOutMaskedStepsAndGiveZerosForEmptyRows() {
        let input = Tensor(shape: [2, 3, 1], scalars: [1, 9, 3, -4, -5, -6])
        let mask = Tensor(shape: [2, 3], scalars: [1, 0, 1, 0, 0, 0])
        XCTAssertEqual(GlobalAveragePool1D()(input, mask: mask).scalars, [2, 0])
        XCTAssertEqual(GlobalMaxPool1D()(input, mask: mask).scalars, [3, 0])
    }

    func testBidirectionalSequenceIsZeroAtMaskedSteps() {
        let layer = Bidirectional(SimpleRNN(2, returnSequences: true))
        let output = layer(Tensor.randomNormal([1, 3, 2], seed: 2), mask: Tensor(shape: [1, 3], scalars: [1, 0, 1]))
        XCTAssertEqual(Array(output.scalars[4..<8]), [0, 0, 0, 0])
        XCTAssertFalse(output.scalars[0..<4].allSatisfy { $0 == 0 })
    }
}

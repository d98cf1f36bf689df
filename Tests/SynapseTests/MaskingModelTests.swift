import Foundation
import XCTest
@testable import Synapse

/// Masked models through `fit`, `evaluate`, `predict`, and saving:
/// `mask_zero` is saved, and folders written before it existed still load.
final class MaskingModelTests: XCTestCase {
    /// Sequences of 2 to 8 ids in 1...4, padded with zeros at the end; the
    /// label is the last real id minus 1, which only the mask tells apart
    /// from the padding.
    private func paddedSequences(count: Int) -> (ids: Tensor, labels: Tensor) {
        var generator = SeededGenerator(seed: 7)
        var ids: [Int] = [], labels: [Float] = []
        for _ in 0..<count {
            let length = Int.random(in: 2...8, using: &generator)
            let tokens = (0..<length).map { _ in Int.random(in: 1...4, using: &generator) }
            ids += tokens + Array(repeating: 0, count: 8 - length)
            labels.append(Float(tokens[length - 1] - 1))
        }
        return (Tensor(indices: ids, shape: [count, 8]), Tensor(shape: [count], scalars: labels))
    }

    private func maskedModel() -> Sequential {
        Sequential([Embedding(inputDim: 5, outputDim: 8, maskZero: true), LSTM(12), Dense(4, activation: .softmax)])
    }

    func testTrainingAMaskedSequentialLowersItsLoss() throws {
        let (ids, labels) = paddedSequences(count: 96)
        let model = maskedModel()
        model.compile(optimizer: .adam(learningRate: 0.02), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let before = try model.evaluate(ids, labels, verbose: .silent)
        try model.fit(ids, labels, epochs: 30, batchSize: 16, verbose: .silent)
        let after = try model.evaluate(ids, labels, verbose: .silent)
        XCTAssertLessThan(after.loss, 0.5 * before.loss, "loss \(before.loss) → \(after.loss)")
        XCTAssertGreaterThan(after.accuracy, 0.9)
    }

    func testSaveAndLoadKeepTheMask() throws {
        let (ids, _) = paddedSequences(count: 8)
        let model = maskedModel()
        try model.build(inputShape: [8])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("masked.synapse")
        try model.save(to: url)
        let loaded = try XCTUnwrap(Model.load(from: url) as? Sequential)
        XCTAssertEqual((loaded.layers[0] as? Embedding)?.maskZero, true)
        XCTAssertEqual(try loaded.predict(ids).scalars, try model.predict(ids).scalars)
    }

    func testModelFolderFromBeforeMaskZeroStillLoads() throws {
        let model = Sequential([Embedding(inputDim: 5, outputDim: 3), GRU(2)])
        try model.build(inputShape: [8])
        let url = try makeTemporaryDirectory(self).appendingPathComponent("old.synapse")
        try model.save(to: url)
        // Folders saved before masking existed have no "mask_zero" key.
        let configURL = url.appendingPathComponent("config.json")
        let config = try JSONSerialization.jsonObject(with: Data(contentsOf: configURL))
        var removed = 0
        let old = removingKey("mask_zero", from: config, removed: &removed)
        XCTAssertEqual(removed, 1, "the saved configuration had mask_zero")
        try JSONSerialization.data(withJSONObject: old).write(to: configURL)
        let loaded = try XCTUnwrap(Model.load(from: url) as? Sequential)
        XCTAssertEqual((loaded.layers[0] as? Embedding)?.maskZero, false)
        let (ids, _) = paddedSequences(count: 4)
        XCTAssertEqual(try loaded.predict(ids).scalars, try model.predict(ids).scalars)
    }

    func testTheReadmeMaskedClassifierIgnoresPadding() throws {
        // readme-masking-begin
        let classifier = Sequential([Embedding(inputDim: 20_001, outputDim: 64, maskZero: true),
                                     LSTM(64, returnSequences: true), GRU(32), Dense(2, activation: .softmax)])
        // readme-masking-end
        try assertReadmeShowsSnippet(of: #filePath, begin: "readme-masking-begin", end: "readme-masking-end")
        let short = Tensor(indices: [17, 20_000, 5], shape: [1, 3])
        let padded = Tensor(indices: [17, 0, 20_000, 5, 0, 0], shape: [1, 6])
        assertClose(classifier(padded), classifier(short), tolerance: 1e-5)
    }

    func testMaskZeroThatIsNotABooleanIsRejected() {
        XCTAssertThrowsError(try Embedding(configuration: ["input_dim": .int(5), "output_dim": .int(2), "mask_zero": .int(1)])) {
            XCTAssertTrue("\($0)".contains("mask_zero"), "\($0)")
        }
    }

    private func removingKey(_ key: String, from value: Any, removed: inout Int) -> Any {
        if var dictionary = value as? [String: Any] {
            if dictionary.removeValue(forKey: key) != nil { removed += 1 }
            for (name, child) in dictionary { dictionary[name] = removingKey(key, from: child, removed: &removed) }
            return dictionary
        }
        if let array = value as? [Any] { return array.map { removingKey(key, from: $0, removed: &removed) } }
        return value
    }
}

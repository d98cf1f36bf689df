import Foundation
import XCTest
@testable import Synapse

/// The GPT: cached steps agree with full passes, it saves and loads with its
/// vocabulary, generation is repeatable and refuses bad prompts, and a
/// small one learns a tiny text.
final class TextGenerationTests: XCTestCase {
    private func smallGPT(vocabularySize: Int = 5, blockSize: Int = 8) -> GPT {
        Synapse.seed(1)
        let gpt = GPT(vocabularySize: vocabularySize, blockSize: blockSize, layers: 2, heads: 2, width: 8)
        _ = gpt(Tensor.zeros([1, blockSize]))
        return gpt
    }

    func testCachedStepsMatchTheFullPass() {
        let gpt = smallGPT()
        let ids = [1, 4, 0, 2, 3, 3]
        let full = gpt(Tensor(indices: ids, shape: [1, 6]))
        var caches: [KeyValueCache] = []
        let first = gpt.logits(continuing: Tensor(indices: Array(ids[0..<3]), shape: [1, 3]), caches: &caches)
        var pieces = [first]
        for id in ids[3...] { pieces.append(gpt.logits(continuing: Tensor(indices: [id], shape: [1, 1]), caches: &caches)) }
        assertClose(concatenate(pieces, alongAxis: 1), full, tolerance: 1e-5)
        XCTAssertEqual(caches.map(\.count), [6, 6])
    }

    func testSavesAndLoadsWithoutRegistration() throws {
        let gpt = smallGPT()
        gpt.metadata.vocabulary = ["a", "b", "c", "d", "e"]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gpt-\(UUID().uuidString).synapse")
        defer { try? FileManager.default.removeItem(at: url) }
        try gpt.save(to: url)
        let loaded = try XCTUnwrap(try Model.load(from: url) as? GPT)
        XCTAssertEqual(loaded.configuration, gpt.configuration)
        let ids = Tensor(indices: [0, 1, 2, 3], shape: [1, 4])
        assertClose(loaded(ids), gpt(ids), tolerance: 0)
        XCTAssertEqual(try TextGenerator(model: loaded).vocabulary.count, 5)
    }

    func testABiasFreeGPTHasNoBiasesAndSavesAndLoads() throws {
        Synapse.seed(2)
        let gpt = GPT(vocabularySize: 5, blockSize: 8, layers: 2, heads: 2, width: 8, useBias: false)
        let ids = Tensor(indices: [0, 1, 2, 3], shape: [1, 4])
        _ = gpt(ids)
        // nanoGPT's bias=False: per block 12·width² weights and two γ; then the embeddings and the final γ.
        let expected = 2 * (12 * 8 * 8 + 2 * 8) + 5 * 8 + 8 * 8 + 8
        XCTAssertEqual(gpt.trainableParameters.reduce(0) { $0 + $1.value.count }, expected)
        XCTAssertTrue(gpt.trainableParameters.allSatisfy { $0.shape.count == 2 || $0.shape == [8] })
        XCTAssertEqual(gpt.configuration["use_bias"], .bool(false))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gpt-\(UUID().uuidString).synapse")
        defer { try? FileManager.default.removeItem(at: url) }
        try gpt.save(to: url)
        let loaded = try XCTUnwrap(try Model.load(from: url) as? GPT)
        XCTAssertFalse(loaded.useBias)
        assertClose(loaded(ids), gpt(ids), tolerance: 0)
        XCTAssertNil(smallGPT().configuration["use_bias"])
    }

    func testAHugeSavedConfigurationIsRefusedBeforeAllocating() throws {
        let gpt = smallGPT()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gpt-\(UUID().uuidString).synapse")
        defer { try? FileManager.default.removeItem(at: url) }
        try gpt.save(to: url)
        let configURL = url.appendingPathComponent("config.json")
        var config = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: configURL)) as? [String: Any])
        config["model_configuration"] = ["vocabulary_size": 65, "block_size": 1 << 24, "layers": 4, "heads": 4, "width": 1 << 20]
        config["input_shape"] = [1 << 24]
        try JSONSerialization.data(withJSONObject: config).write(to: configURL)
        XCTAssertThrowsError(try Model.load(from: url)) { error in
            XCTAssertTrue(error is ModelFileError || error is ModelSizeError, "\(error)")
        }
    }

    func testGenerationIsRepeatableAndStaysInTheVocabulary() throws {
        let gpt = smallGPT()
        let generator = try TextGenerator(model: gpt, vocabulary: CharacterVocabulary(text: "abcde".unicodeScalars))
        var first = TokenSampler(temperature: 0.8, topK: 3, seed: 7), second = first
        var streamed = ""
        let text = try generator.generate(prompt: "abc", tokens: 30, sampler: &first) { streamed += $0 }
        XCTAssertEqual(text.count, 30)
        XCTAssertEqual(streamed, text)
        XCTAssertEqual(try generator.generate(prompt: "abc", tokens: 30, sampler: &second), text)
        XCTAssertTrue(text.allSatisfy { "abcde".contains($0) })
    }

    func testBadPromptsAreErrors() throws {
        let gpt = smallGPT()
        let generator = try TextGenerator(model: gpt, vocabulary: CharacterVocabulary(text: "abcde".unicodeScalars))
        var sampler = TokenSampler()
        XCTAssertThrowsError(try generator.generate(prompt: "abz", tokens: 1, sampler: &sampler)) { error in
            XCTAssertEqual(error as? TextError, .unknownCharacters(["z"], vocabularySize: 5))
        }
        XCTAssertThrowsError(try generator.generate(prompt: "abcdeabcd", tokens: 1, sampler: &sampler)) { error in
            XCTAssertEqual(error as? TextError, .contextTooLong(length: 9, blockSize: 8))
        }
        XCTAssertThrowsError(try generator.generate(prompt: "", tokens: 1, sampler: &sampler)) { error in
            XCTAssertEqual(error as? TextError, .emptyPrompt)
        }
        XCTAssertThrowsError(try TextGenerator(model: gpt, vocabulary: CharacterVocabulary(text: "ab".unicodeScalars)))
    }

    func testTopOneSamplingIsTheArgmax() {
        var sampler = TokenSampler(temperature: 1, topK: 1, seed: 3)
        let logits: [Float] = [0.1, 2.5, -1, 2.4]
        for _ in 0..<10 { XCTAssertEqual(logits.withUnsafeBufferPointer { sampler.next(logits: $0) }, 1) }
    }

    func testWeightDecaySkipsVectors() {
        let gpt = smallGPT()
        var options = LanguageModelTrainingOptions()
        options.learningRate = 0.5
        let optimizer = options.optimizer(for: gpt)
        let gamma = gpt.finalNorm.gamma!, table = gpt.tokenEmbedding.embeddings!
        let tableBefore = table.value.scalars
        // A zero gradient leaves Adam's step at zero: only weight decay moves a parameter.
        optimizer.update([gamma, table], gradients: [Tensor.zeros(gamma.shape), Tensor.zeros(table.shape)])
        XCTAssertEqual(gamma.value.scalars, Array(repeating: 1, count: gamma.value.count))
        XCTAssertNotEqual(table.value.scalars, tableBefore)
    }

    func testASmallGPTLearnsARepeatingText() throws {
        let text = String(repeating: "the cat sat on the mat. ", count: 40)
        let corpus = try TextCorpus(data: Data(text.utf8), file: "cat.txt")
        Synapse.seed(2)
        let gpt = GPT(vocabularySize: corpus.vocabulary.count, blockSize: 16, layers: 1, heads: 2, width: 16)
        var options = LanguageModelTrainingOptions()
        options.iterations = 150
        options.contextLength = 16
        options.warmupIterations = 10
        options.learningRate = 1e-2
        options.evaluationInterval = 150
        options.evaluationBatches = 4
        let evaluations = LanguageModelTrainer(options: options).train(gpt, on: corpus)
        XCTAssertEqual(evaluations.map(\.iteration), [0, 150])
        XCTAssertGreaterThan(evaluations[0].validationLoss, 2)
        XCTAssertLessThan(evaluations[1].validationLoss, 0.5)
    }

    func testExactLossAveragesEveryNonOverlappingWindow() throws {
        let text = String(repeating: "the cat sat on the mat. ", count: 3)
        let corpus = try TextCorpus(data: Data(text.utf8), file: "cat.txt")
        let gpt = smallGPT(vocabularySize: corpus.vocabulary.count)
        var options = LanguageModelTrainingOptions()
        options.contextLength = 8
        let tokens = corpus.training
        let loss = SparseCategoricalCrossentropy(fromLogits: true)
        let starts = Array(stride(from: 0, to: tokens.count - 8, by: 8))
        XCTAssertEqual(starts.count, (tokens.count - 8 + 7) / 8)
        let perWindow = starts.map { start -> Float in
            let (x, y) = tokens.windows(startingAt: [start], length: 8)
            return loss(predictions: gpt(x).reshaped(to: [8, -1]), targets: y).scalar
        }
        let mean = perWindow.reduce(0, +) / Float(perWindow.count)
        let trainer = LanguageModelTrainer(options: options)
        XCTAssertEqual(trainer.exactLoss(gpt, on: tokens, windowsPerBatch: 3), mean, accuracy: 1e-5)
        XCTAssertEqual(trainer.exactLoss(gpt, on: tokens), mean, accuracy: 1e-5)
    }
}

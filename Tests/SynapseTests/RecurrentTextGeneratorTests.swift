import XCTest
@testable import Synapse

/// Step-by-step generation with a recurrent language model: carrying the
/// LSTM states token by token gives what rerunning the whole text gives.
final class RecurrentTextGeneratorTests: XCTestCase {
    private let vocabulary = CharacterVocabulary(text: "abcde".unicodeScalars)

    private func smallModel() -> Sequential {
        Synapse.seed(3)
        let model = Sequential.characterLSTM(vocabularySize: 5, units: 6, layers: 2, embeddingWidth: 4)
        _ = model(Tensor.zeros([1, 4]))
        return model
    }

    func testCarriedStatesMatchRerunningTheWholeText() throws {
        let model = smallModel()
        let generator = try RecurrentTextGenerator(model: model, vocabulary: vocabulary)
        var greedy = TokenSampler(temperature: 1, topK: 1, seed: 0)
        let written = try generator.generate(prompt: "cab", tokens: 8, sampler: &greedy)
        // The slow way: the whole text so far through the model, then the most likely next character.
        var ids = try vocabulary.encode("cab")
        for _ in 0..<8 {
            let logits = withoutGradients { model(Tensor(indices: ids, shape: [1, ids.count])) }.scalars.suffix(5)
            ids.append(logits.indices.max { logits[$0] < logits[$1] }! - logits.startIndex)
        }
        XCTAssertEqual(written, try vocabulary.decode(Array(ids.dropFirst(3))))
    }

    func testBadPromptsAndModelsThrow() throws {
        let generator = try RecurrentTextGenerator(model: smallModel(), vocabulary: vocabulary)
        var sampler = TokenSampler()
        XCTAssertThrowsError(try generator.generate(prompt: "", tokens: 1, sampler: &sampler)) {
            XCTAssertEqual($0 as? TextError, .emptyPrompt)
        }
        XCTAssertThrowsError(try generator.generate(prompt: "az", tokens: 1, sampler: &sampler)) {
            XCTAssertEqual($0 as? TextError, .unknownCharacters(["z"], vocabularySize: 5))
        }
        XCTAssertThrowsError(try RecurrentTextGenerator(model: smallModel(),
                                                        vocabulary: CharacterVocabulary(text: "abc".unicodeScalars)))
        let dense = Sequential([Embedding(inputDim: 5, outputDim: 3), Dense(5)])
        _ = dense(Tensor.zeros([1, 2]))
        XCTAssertThrowsError(try RecurrentTextGenerator(model: dense, vocabulary: vocabulary)) {
            XCTAssertEqual($0 as? TextError, .unsupportedModel(reason: "has no recurrent layer"))
        }
    }
}

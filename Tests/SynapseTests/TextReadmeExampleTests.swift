import Foundation
import XCTest
import Synapse

/// The README's GPT, written from the public layers as a user would,
/// compiled and trained for a few steps here so the README cannot drift.
final class TextReadmeExampleTests: XCTestCase {
    // README: begin
    final class MiniGPT: Model {
        let tokens: Embedding
        let positions: PositionalEmbedding
        let blocks: [TransformerBlock]
        let norm = LayerNormalization(epsilon: 1e-5)

        init(vocabulary: Int, context: Int = 64, layers: Int = 4, heads: Int = 4, width: Int = 128) {
            let initializer = Initializer.normal(standardDeviation: 0.02)
            tokens = Embedding(inputDim: vocabulary, outputDim: width, embeddingsInitializer: initializer)
            positions = PositionalEmbedding(sequenceLength: context, initializer: initializer)
            blocks = (0..<layers).map { _ in TransformerBlock(width: width, heads: heads, initializer: initializer) }
            super.init()
        }

        override func call(_ ids: Tensor) -> Tensor {
            var h = positions(tokens(ids))
            for block in blocks { h = block(h) }
            return norm(h).matmul(tokens.embeddings!.value.transposed())   // the head tied to the embedding
        }
    }
    // README: end

    func testTheReadmeGPTTrainsOnText() throws {
        let text = String(repeating: "To be, or not to be, that is the question. ", count: 20)
        let corpus = try TextCorpus(data: Data(text.utf8), file: "hamlet.txt")
        Synapse.seed(0)
        let model = MiniGPT(vocabulary: corpus.vocabulary.count, context: 16, layers: 1, heads: 2, width: 16)
        var options = LanguageModelTrainingOptions()
        options.iterations = 20
        options.contextLength = 16
        options.warmupIterations = 5
        options.evaluationInterval = 20
        options.evaluationBatches = 2
        let evaluations = LanguageModelTrainer(options: options).train(model, on: corpus)
        XCTAssertLessThan(evaluations[1].trainingLoss, evaluations[0].trainingLoss)
    }
}

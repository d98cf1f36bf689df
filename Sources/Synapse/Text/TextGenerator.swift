/// Writes text with a trained `GPT` and its vocabulary, one token at a
/// time, streaming each as it is drawn.
///
/// Each new token costs one step of the model: the blocks keep the keys and
/// values of earlier positions in a `KeyValueCache`. When the context fills
/// the block size, the cache restarts from the last half block of text (so
/// later tokens see between half a block and a whole block of context).
///
/// ```swift
/// let generator = try TextGenerator(model: gpt, vocabulary: vocabulary)
/// var sampler = TokenSampler(temperature: 0.8, topK: 200, seed: 0)
/// try generator.generate(prompt: "ROMEO:", tokens: 500, sampler: &sampler) { print($0, terminator: "") }
/// ```
public struct TextGenerator {
    /// The model.
    public let model: GPT
    /// The tokens the model's ids stand for.
    public let vocabulary: CharacterVocabulary

    /// A generator; throws `TextError.invalidVocabulary` when the vocabulary
    /// does not have the model's number of tokens.
    public init(model: GPT, vocabulary: CharacterVocabulary) throws {
        guard vocabulary.count == model.vocabularySize else {
            throw TextError.invalidVocabulary(
                reason: "has \(vocabulary.count) characters but the model has \(model.vocabularySize) token ids")
        }
        self.model = model
        self.vocabulary = vocabulary
    }

    /// A generator for a model saved by `synapse train --model gpt` (its
    /// vocabulary is in the model's metadata).
    public init(model: GPT) throws {
        try self.init(model: model, vocabulary: CharacterVocabulary(metadata: model.metadata))
    }

    /// Continues `prompt` by `tokens` tokens, calling `emit` with each new
    /// piece of text; returns the new text. Throws `TextError` for an empty
    /// prompt, one with characters outside the vocabulary, or one longer
    /// than the block size.
    @discardableResult
    public func generate(prompt: String, tokens: Int, sampler: inout TokenSampler,
                         emit: (String) -> Void = { _ in }) throws -> String {
        let promptTokens = try encodePrompt(prompt)
        return try withoutGradients {
            var context = promptTokens
            var caches: [KeyValueCache] = []
            let first = step(context, caches: &caches)
            return try sampler.stream(count: tokens, vocabulary: vocabulary, logits: first, emit: emit) { next in
                context.append(next)
                if caches[0].count < model.blockSize { return step([next], caches: &caches) }
                caches = []
                return step(Array(context.suffix(Swift.max(model.blockSize / 2, 1))), caches: &caches)
            }
        }
    }

    /// The ids of `prompt`; throws `TextError` when it is empty, holds
    /// characters outside the vocabulary, or is longer than the block size.
    public func encodePrompt(_ prompt: String) throws -> [Int] {
        let promptTokens = try vocabulary.encode(prompt)
        guard !promptTokens.isEmpty else { throw TextError.emptyPrompt }
        guard promptTokens.count <= model.blockSize else {
            throw TextError.contextTooLong(length: promptTokens.count, blockSize: model.blockSize)
        }
        return promptTokens
    }

    /// The logits after feeding `tokens` on top of `caches`.
    private func step(_ tokens: [Int], caches: inout [KeyValueCache]) -> Tensor {
        model.logits(continuing: Tensor(indices: tokens, shape: [1, tokens.count]), caches: &caches)
    }
}

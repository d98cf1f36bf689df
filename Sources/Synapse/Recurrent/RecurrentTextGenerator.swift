/// Writes text with a trained recurrent language model (such as
/// `Sequential.characterLSTM`) and its vocabulary, one token at a time.
///
/// The model is run step by step: each recurrent layer's states (`h`, and
/// `c` for an LSTM) are carried from one token to the next, so each new
/// token costs one step, whatever the length of the text so far.
///
/// ```swift
/// let generator = try RecurrentTextGenerator(model: model)   // vocabulary from its metadata
/// var sampler = TokenSampler(temperature: 0.8, topK: 200, seed: 0)
/// try generator.generate(prompt: "ROMEO:", tokens: 500, sampler: &sampler) { print($0, terminator: "") }
/// ```
public struct RecurrentTextGenerator {
    /// The model: a chain of per-position layers and one-directional recurrent layers.
    public let model: Sequential
    /// The tokens the model's ids stand for.
    public let vocabulary: CharacterVocabulary

    /// A generator; throws `TextError.unsupportedModel` when the model has
    /// no recurrent layer or a `Bidirectional` one (which needs the future),
    /// and `TextError.invalidVocabulary` when its output does not have one
    /// logit per token.
    public init(model: Sequential, vocabulary: CharacterVocabulary) throws {
        guard model.layers.contains(where: { $0 is RecurrentLayer }) else {
            throw TextError.unsupportedModel(reason: "has no recurrent layer")
        }
        guard !model.layers.contains(where: { $0 is Bidirectional }) else {
            throw TextError.unsupportedModel(reason: "has a Bidirectional layer, which reads the text backwards too")
        }
        guard model.layers.last?.outputShape?.last == vocabulary.count else {
            throw TextError.invalidVocabulary(
                reason: "has \(vocabulary.count) characters but the model gives \(model.layers.last?.outputShape?.last ?? 0) logits")
        }
        self.model = model
        self.vocabulary = vocabulary
    }

    /// A generator for a model saved by `synapse train --model char-lstm`
    /// (its vocabulary is in the model's metadata).
    public init(model: Sequential) throws {
        try self.init(model: model, vocabulary: CharacterVocabulary(metadata: model.metadata))
    }

    /// Continues `prompt` by `tokens` tokens, calling `emit` with each new
    /// piece of text; returns the new text. Throws `TextError` for an empty
    /// prompt or one with characters outside the vocabulary.
    @discardableResult
    public func generate(prompt: String, tokens: Int, sampler: inout TokenSampler,
                         emit: (String) -> Void = { _ in }) throws -> String {
        let promptTokens = try encodePrompt(prompt)
        return try withoutGradients {
            var states: [Int: [Tensor]] = [:]
            let first = step(promptTokens, states: &states)
            return try sampler.stream(count: tokens, vocabulary: vocabulary, logits: first, emit: emit) { next in
                step([next], states: &states)
            }
        }
    }

    /// The ids of `prompt`; throws `TextError` when it is empty or holds
    /// characters outside the vocabulary.
    public func encodePrompt(_ prompt: String) throws -> [Int] {
        let promptTokens = try vocabulary.encode(prompt)
        guard !promptTokens.isEmpty else { throw TextError.emptyPrompt }
        return promptTokens
    }

    /// The logits after feeding `tokens`, carrying each recurrent layer's
    /// states (by layer index) in `states`.
    private func step(_ tokens: [Int], states: inout [Int: [Tensor]]) -> Tensor {
        var x = Tensor(indices: tokens, shape: [1, tokens.count])
        for (index, layer) in model.layers.enumerated() {
            if let recurrent = layer as? RecurrentLayer {
                let result = recurrent.callReturningState(x, initialState: states[index])
                states[index] = result.states
                x = result.output
            } else {
                x = layer(x)
            }
        }
        return x
    }
}

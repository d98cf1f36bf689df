extension Sequential {
    /// A character-level language model in the manner of char-rnn: an
    /// embedding of each character, `layers` stacked LSTMs of `units` units
    /// that return every step, and a dense layer to one logit per character.
    /// Input `[batch, time]` ids, output `[batch, time, vocabularySize]` logits.
    ///
    /// ```swift
    /// let model = Sequential.characterLSTM(vocabularySize: 65)   // 2 × LSTM(256)
    /// ```
    public static func characterLSTM(vocabularySize: Int, units: Int = 256, layers: Int = 2,
                                     embeddingWidth: Int = 64) -> Sequential {
        precondition(layers >= 1, "characterLSTM: layers must be at least 1, got \(layers)")
        return Sequential([Embedding(inputDim: vocabularySize, outputDim: embeddingWidth)]
            + (0..<layers).map { _ in LSTM(units, returnSequences: true) as Layer }
            + [Dense(vocabularySize)])
    }
}

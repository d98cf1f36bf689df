extension TokenSampler {
    /// Draws `count` tokens one after another, the text generators' loop:
    /// the first from `logits` (its last `vocabulary.count` values), each
    /// next one from what `advance` returns after being given the token just
    /// drawn. Calls `emit` with each token's text and returns all of it.
    mutating func stream(count: Int, vocabulary: CharacterVocabulary, logits first: Tensor,
                         emit: (String) -> Void, advance: (Int) throws -> Tensor) throws -> String {
        var logits = first
        var written = ""
        for _ in 0..<count {
            let next = logits.withUnsafeBufferPointer {
                self.next(logits: UnsafeBufferPointer(rebasing: $0.suffix(vocabulary.count)))
            }
            let piece = try vocabulary.decode([next])
            emit(piece)
            written += piece
            logits = try advance(next)
        }
        return written
    }
}

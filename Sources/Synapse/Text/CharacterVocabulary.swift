/// The characters (Unicode scalars) of a text, sorted, each with an id: the
/// tokenizer of a character-level language model, as nanoGPT's
/// `shakespeare_char`. Saved with a model in `ModelMetadata.vocabulary`.
///
/// ```swift
/// let vocabulary = CharacterVocabulary(text: "hello")   // ["e", "h", "l", "o"]
/// let ids = try vocabulary.encode("hole")                // [1, 3, 2, 0]
/// ```
public struct CharacterVocabulary: Equatable, Sendable {
    /// The characters, in id order.
    public let characters: [Unicode.Scalar]
    private let ids: [Unicode.Scalar: Int]

    /// The distinct characters of `text`, sorted by code point.
    public init(text: some Sequence<Unicode.Scalar>) {
        self.init(sortedUnique: Array(Set(text)).sorted { $0.value < $1.value })
    }

    private init(sortedUnique characters: [Unicode.Scalar]) {
        self.characters = characters
        ids = Dictionary(uniqueKeysWithValues: characters.enumerated().map { ($1, $0) })
    }

    /// The vocabulary saved in `metadata` (one single-character string per id).
    public init(metadata: ModelMetadata) throws {
        guard let entries = metadata.vocabulary, !entries.isEmpty else {
            throw TextError.invalidVocabulary(reason: "is missing from the model's metadata")
        }
        var characters: [Unicode.Scalar] = []
        for entry in entries {
            guard entry.unicodeScalars.count == 1, let scalar = entry.unicodeScalars.first else {
                throw TextError.invalidVocabulary(reason: "holds \(entry.debugDescription), which is not one character")
            }
            characters.append(scalar)
        }
        guard Set(characters).count == characters.count else {
            throw TextError.invalidVocabulary(reason: "lists a character twice")
        }
        self.init(sortedUnique: characters)
    }

    /// The number of distinct tokens.
    public var count: Int { characters.count }

    /// The vocabulary as `ModelMetadata.vocabulary` stores it.
    public var metadataEntries: [String] { characters.map { String(Character($0)) } }

    /// The id of each character of `text`; throws `TextError.unknownCharacters`
    /// naming every character not in the vocabulary.
    public func encode(_ text: String) throws -> [Int] {
        var encoded: [Int] = []
        encoded.reserveCapacity(text.unicodeScalars.count)
        var unknown: [String] = []
        for scalar in text.unicodeScalars {
            if let id = ids[scalar] { encoded.append(id) } else if !unknown.contains(String(scalar)) {
                unknown.append(String(scalar))
            }
        }
        guard unknown.isEmpty else { throw TextError.unknownCharacters(unknown, vocabularySize: count) }
        return encoded
    }

    /// The text of `tokens`; throws `TextError.tokenOutOfRange` for an id
    /// that is not below `count`.
    public func decode(_ tokens: [Int]) throws -> String {
        var text = String.UnicodeScalarView()
        for token in tokens {
            guard token >= 0, token < count else { throw TextError.tokenOutOfRange(token: token, vocabularySize: count) }
            text.append(characters[token])
        }
        return String(text)
    }
}

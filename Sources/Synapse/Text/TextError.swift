/// Why text could not be read, encoded or generated from. Each description
/// says what went wrong, where, and what to do.
public enum TextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The file holds no text.
    case empty(file: String)
    /// The file is not valid UTF-8; `byteOffset` is the first bad byte.
    case notUTF8(file: String, byteOffset: Int)
    /// The file is larger than the reader accepts.
    case tooLarge(file: String, bytes: Int, limit: Int)
    /// The text is too short to cut training and validation windows from.
    case tooShort(file: String, characters: Int, needed: Int)
    /// Characters that are not in the model's vocabulary.
    case unknownCharacters(_ characters: [String], vocabularySize: Int)
    /// A token id that is not below the vocabulary size.
    case tokenOutOfRange(token: Int, vocabularySize: Int)
    /// A context longer than the model's block size.
    case contextTooLong(length: Int, blockSize: Int)
    /// Generation needs at least one prompt token.
    case emptyPrompt
    /// A model's saved vocabulary is missing or malformed.
    case invalidVocabulary(reason: String)
    /// The model cannot generate text step by step.
    case unsupportedModel(reason: String)

    /// A one-line explanation that says what to do.
    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot be read (\(reason)) — check the path and permissions"
        case let .empty(file):
            return "\(file): the file is empty — give a text file with some text in it"
        case let .notUTF8(file, offset):
            return "\(file): not UTF-8 text (invalid byte at offset \(offset)) — convert it to UTF-8 first, e.g. with iconv"
        case let .tooLarge(file, bytes, limit):
            return "\(file): \(bytes) bytes is more than the \(limit) bytes a text corpus may have — use a smaller file"
        case let .tooShort(file, characters, needed):
            return "\(file): \(characters) characters is too short; training needs at least \(needed) (ten windows of the context length plus one) — use a longer text or a shorter context"
        case let .unknownCharacters(characters, size):
            let shown = characters.prefix(10).map { "\($0.debugDescription)" }.joined(separator: ", ")
            return "characters \(shown) are not in the model's vocabulary of \(size) — use only characters the model was trained on"
        case let .tokenOutOfRange(token, size):
            return "token id \(token) is not below the vocabulary size \(size) — ids must be in 0..<\(size)"
        case let .contextTooLong(length, blockSize):
            return "the context has \(length) tokens but the model's block size is \(blockSize) — shorten the prompt to at most \(blockSize) characters"
        case .emptyPrompt:
            return "the prompt is empty — give at least one character to start from (for example a newline)"
        case let .invalidVocabulary(reason):
            return "the model's vocabulary \(reason) — was it trained with `synapse train --model gpt` on text?"
        case let .unsupportedModel(reason):
            return "the model \(reason) — generate with a model trained by `synapse train --model gpt` or `--model char-lstm`"
        }
    }
}

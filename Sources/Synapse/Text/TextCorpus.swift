import Foundation

/// A text read from a UTF-8 file, encoded by its own `CharacterVocabulary`
/// and split as nanoGPT splits it: the first 90% for training, the last 10%
/// for validation.
///
/// ```swift
/// let corpus = try TextCorpus(contentsOf: URL(fileURLWithPath: "input.txt"))
/// let (x, y) = corpus.training.randomWindows(count: 12, length: 64, using: &generator)
/// ```
public struct TextCorpus: Sendable {
    /// The largest file accepted (1 GiB): the ids take 4 bytes per character.
    public static let maximumFileBytes = 1 << 30

    /// The characters of the text, with their ids.
    public let vocabulary: CharacterVocabulary
    /// The first 90% of the text.
    public let training: TokenSequence
    /// The last 10% of the text.
    public let validation: TokenSequence
    /// Where the text came from, for messages.
    public let file: String

    /// Reads, checks and encodes the UTF-8 text at `url`. Throws `TextError`
    /// for a file that cannot be read, is empty, is not UTF-8, or is too long.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= TextCorpus.maximumFileBytes else {
                throw TextError.tooLarge(file: url.path, bytes: size, limit: TextCorpus.maximumFileBytes)
            }
            data = try Data(contentsOf: url)
        } catch let error as TextError {
            throw error
        } catch {
            throw TextError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        try self.init(data: data, file: url.path)
    }

    /// Checks and encodes UTF-8 `data`; `file` names it in errors.
    public init(data: Data, file: String) throws {
        guard data.count <= TextCorpus.maximumFileBytes else {
            throw TextError.tooLarge(file: file, bytes: data.count, limit: TextCorpus.maximumFileBytes)
        }
        let scalars = try TextCorpus.decodeUTF8(data, file: file)
        guard !scalars.isEmpty else { throw TextError.empty(file: file) }
        let vocabulary = CharacterVocabulary(text: scalars)
        // Every character is in the vocabulary just made from the text.
        let table = Dictionary(uniqueKeysWithValues: vocabulary.characters.enumerated().map { ($1, Float($0)) })
        let tokens = scalars.map { table[$0]! }
        let split = tokens.count * 9 / 10
        self.vocabulary = vocabulary
        self.file = file
        training = TokenSequence(tokens: Array(tokens[..<split]))
        validation = TokenSequence(tokens: Array(tokens[split...]))
    }

    /// Throws `TextError.tooShort` unless both splits can hold windows of
    /// `length` tokens and their next tokens.
    public func checkWindows(length: Int) throws {
        let needed = 10 * (length + 1)
        guard validation.count > length, training.count > length else {
            throw TextError.tooShort(file: file, characters: training.count + validation.count, needed: needed)
        }
    }

    /// The Unicode scalars of `data`, or `TextError.notUTF8` at the first
    /// byte that does not decode.
    static func decodeUTF8(_ data: Data, file: String) throws -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(data.count)
        var offset = 0
        var iterator = data.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                scalars.append(scalar)
                offset += UTF8.width(scalar)
            case .emptyInput:
                return scalars
            case .error:
                throw TextError.notUTF8(file: file, byteOffset: offset)
            }
        }
    }
}

/// A run of token ids, from which training windows are cut.
public struct TokenSequence: Sendable {
    /// The ids, as floats (exact: vocabularies stay far below 2²⁴).
    public let tokens: [Float]

    /// The sequence `tokens`.
    public init(tokens: [Float]) { self.tokens = tokens }

    /// The number of tokens.
    public var count: Int { tokens.count }

    /// `count` windows of `length` tokens starting at random places, and for
    /// each the same window shifted by one (the next token at every
    /// position): inputs `[count, length]` and targets `[count·length]`.
    public func randomWindows(count: Int, length: Int,
                              using generator: inout SeededGenerator) -> (inputs: Tensor, targets: Tensor) {
        precondition(tokens.count > length, "randomWindows: \(tokens.count) tokens cannot hold a window of \(length) + 1")
        let starts = (0..<count).map { _ in Int(generator.next() % UInt64(tokens.count - length)) }
        return windows(startingAt: starts, length: length)
    }

    /// The windows of `length` tokens that start at `starts`, with their
    /// next-token targets: inputs `[starts.count, length]`, targets
    /// `[starts.count·length]`. Each start must leave room for `length + 1` tokens.
    public func windows(startingAt starts: [Int], length: Int) -> (inputs: Tensor, targets: Tensor) {
        precondition(starts.allSatisfy { $0 >= 0 && $0 + length < tokens.count },
                     "windows: a start leaves no room for \(length) + 1 of \(tokens.count) tokens")
        var inputs = Tensor.zeros([starts.count, length]), targets = Tensor.zeros([starts.count * length])
        tokens.withUnsafeBufferPointer { source in
            inputs.withUnsafeMutableBufferPointer { x in
                targets.withUnsafeMutableBufferPointer { y in
                    for (row, start) in starts.enumerated() {
                        for t in 0..<length {
                            x[row * length + t] = source[start + t]
                            y[row * length + t] = source[start + t + 1]
                        }
                    }
                }
            }
        }
        return (inputs, targets)
    }
}

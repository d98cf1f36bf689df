import Foundation
import XCTest
@testable import Synapse

/// Reading a text corpus and its character vocabulary: the split, the
/// windows, and a clear error for each kind of bad input.
final class TextDataTests: XCTestCase {
    func testCorpusSplitsNinetyTenAndEncodesBySortedCharacters() throws {
        let text = String(repeating: "abcab", count: 20)
        let corpus = try TextCorpus(data: Data(text.utf8), file: "t.txt")
        XCTAssertEqual(corpus.vocabulary.characters, ["a", "b", "c"])
        XCTAssertEqual(corpus.training.count, 90)
        XCTAssertEqual(corpus.validation.count, 10)
        XCTAssertEqual(Array(corpus.training.tokens.prefix(5)), [0, 1, 2, 0, 1])
    }

    func testWindowsAreContiguousAndTargetsAreShiftedByOne() {
        let tokens = TokenSequence(tokens: (0..<50).map(Float.init))
        var generator = SeededGenerator(seed: 3)
        let (inputs, targets) = tokens.randomWindows(count: 4, length: 6, using: &generator)
        XCTAssertEqual(inputs.shape, [4, 6])
        XCTAssertEqual(targets.shape, [24])
        for row in 0..<4 {
            let start = inputs[row, 0]
            for t in 0..<6 {
                XCTAssertEqual(inputs[row, t], start + Float(t))
                XCTAssertEqual(targets[row * 6 + t], start + Float(t) + 1)
            }
        }
    }

    func testEmptyFileIsAnError() {
        XCTAssertThrowsError(try TextCorpus(data: Data(), file: "empty.txt")) { error in
            XCTAssertEqual(error as? TextError, .empty(file: "empty.txt"))
        }
    }

    func testNonUTF8FileNamesTheFirstBadByte() {
        let bytes: [UInt8] = Array("héllo".utf8) + [0xFF, 0x41]
        XCTAssertThrowsError(try TextCorpus(data: Data(bytes), file: "latin1.txt")) { error in
            XCTAssertEqual(error as? TextError, .notUTF8(file: "latin1.txt", byteOffset: 6))
            XCTAssertTrue("\(error)".contains("convert it to UTF-8"))
        }
    }

    func testTextTooShortForTheContextIsAnError() throws {
        let corpus = try TextCorpus(data: Data("short text".utf8), file: "short.txt")
        XCTAssertThrowsError(try corpus.checkWindows(length: 64)) { error in
            guard case .tooShort(let file, let characters, _) = error as? TextError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "short.txt")
            XCTAssertEqual(characters, 10)
        }
    }

    func testMissingFileIsAnUnreadableError() {
        XCTAssertThrowsError(try TextCorpus(contentsOf: URL(fileURLWithPath: "/nonexistent/input.txt"))) { error in
            guard case .unreadable(let file, _) = error as? TextError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "/nonexistent/input.txt")
        }
    }

    func testUnknownCharactersAreNamed() {
        let vocabulary = CharacterVocabulary(text: "abc".unicodeScalars)
        XCTAssertThrowsError(try vocabulary.encode("abxzx")) { error in
            XCTAssertEqual(error as? TextError, .unknownCharacters(["x", "z"], vocabularySize: 3))
        }
    }

    func testTokenIdAtOrAboveTheVocabularySizeIsAnError() {
        let vocabulary = CharacterVocabulary(text: "abc".unicodeScalars)
        XCTAssertEqual(try vocabulary.decode([2, 0, 1]), "cab")
        XCTAssertThrowsError(try vocabulary.decode([0, 3])) { error in
            XCTAssertEqual(error as? TextError, .tokenOutOfRange(token: 3, vocabularySize: 3))
        }
    }

    func testVocabularyRoundTripsThroughMetadata() throws {
        let vocabulary = CharacterVocabulary(text: "To be, or not: é\n".unicodeScalars)
        let metadata = ModelMetadata(vocabulary: vocabulary.metadataEntries)
        let decoded = try JSONDecoder().decode(ModelMetadata.self, from: JSONEncoder().encode(metadata))
        XCTAssertEqual(try CharacterVocabulary(metadata: decoded), vocabulary)
        XCTAssertThrowsError(try CharacterVocabulary(metadata: ModelMetadata(vocabulary: ["a", "bc"])))
        XCTAssertThrowsError(try CharacterVocabulary(metadata: ModelMetadata(vocabulary: ["a", "a"])))
        XCTAssertThrowsError(try CharacterVocabulary(metadata: ModelMetadata()))
    }

    func testIndicesAreExactFloats() {
        let ids = Tensor(indices: [0, 16_777_215], shape: [2])
        XCTAssertEqual(Int(ids[1]), 16_777_215)
    }
}

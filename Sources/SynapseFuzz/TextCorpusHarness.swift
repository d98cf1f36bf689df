import Foundation
import Synapse

/// A UTF-8 text file read as `synapse train --model gpt` reads its corpus
/// (`TextCorpus`), then the vocabulary it makes encoding a prompt made of
/// the file's first characters, as `synapse generate` encodes one.
final class TextCorpusHarness: FuzzHarness {
    let name = "text"

    func run(_ bytes: [UInt8]) -> String {
        outcome {
            let corpus = try TextCorpus(data: Data(bytes), file: "fuzz.txt")
            try corpus.checkWindows(length: 8)
            let prompt = try corpus.vocabulary.decode(Array(corpus.training.tokens.prefix(16).map { Int($0) }))
            _ = try corpus.vocabulary.encode(prompt)
        }
    }

    func writeSeeds(into folder: URL) throws {
        try writeInput(Array("First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n".utf8),
                       to: folder.appendingPathComponent("seed-shakespeare.txt"))
        try writeInput(Array("naïve café — ünïcödé ✓ 文字\n".utf8), to: folder.appendingPathComponent("seed-unicode.txt"))
    }
}

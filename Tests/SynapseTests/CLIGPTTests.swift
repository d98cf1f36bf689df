import Foundation
import XCTest

/// `synapse train --model gpt` through the built executable, on a tiny corpus
/// for a few iterations: nanoGPT's bias-free blocks by default, biases with
/// `--bias`, and the saved model generates.
final class CLIGPTTests: XCTestCase {
    func testTrainsABiasFreeGPTByDefaultAndOneWithBiasesOnRequest() throws {
        let synapse = try SynapseExecutable(for: self)
        let directory = try makeTemporaryDirectory(self)
        let words = ["to", "be", "or", "not", "that", "is", "the", "question"]
        let text = (0..<1500).map { words[($0 * 5 + $0 / 3) % words.count] }.joined(separator: " ")
        try Data(text.utf8).write(to: directory.appendingPathComponent("corpus.txt"))
        let common = ["train", "--model", "gpt", "--dataset", "corpus.txt", "--iterations", "2", "--eval-interval", "1",
                      "--batch-size", "2"]

        let plain = try synapse.run(common + ["--save", "gpt.synapse"], in: directory)
        XCTAssertEqual(plain.status, 0, plain.all)
        XCTAssertTrue(plain.stdout.contains("width 128, context 64, no biases,"), plain.all)
        XCTAssertTrue(plain.stdout.contains("validation loss over every 64-character window"), plain.all)

        let biased = try synapse.run(common + ["--bias"], in: directory)
        XCTAssertEqual(biased.status, 0, biased.all)
        XCTAssertTrue(biased.stdout.contains("with biases,"), biased.all)
        func parameters(_ output: String) -> Int? {
            output.split(separator: "\n").first { $0.hasPrefix("GPT:") }?
                .split(separator: ",").last?.split(separator: " ").first.flatMap { Int($0) }
        }
        let vocabulary = Set(text).count
        let withoutBiases = 4 * (12 * 128 * 128 + 2 * 128) + vocabulary * 128 + 64 * 128 + 128
        XCTAssertEqual(parameters(plain.stdout), withoutBiases, plain.all)
        // Biases: per block 3·128 (q, k, v) + 128 (output) + 512 + 128 (MLP) + 2·128 (β), so 7·128 + 512; and the final β.
        XCTAssertEqual(parameters(biased.stdout), withoutBiases + 4 * (7 * 128 + 512) + 128, biased.all)

        let generate = try synapse.run(["generate", "gpt.synapse", "--prompt", "to ", "--tokens", "20", "--seed", "1"],
                                       in: directory)
        XCTAssertEqual(generate.status, 0, generate.all)
        XCTAssertTrue(generate.stdout.hasPrefix("to "), generate.all)

        let misplaced = try synapse.run(["train", "--model", "char-lstm", "--dataset", "corpus.txt", "--bias"], in: directory)
        XCTAssertNotEqual(misplaced.status, 0, misplaced.all)
        XCTAssertTrue(misplaced.stderr.contains("--bias applies to --model gpt only"), misplaced.all)
    }
}

import Foundation
import XCTest

/// `synapse train --model char-lstm` and `synapse generate` on its model,
/// through the built executable, on a tiny corpus for a few iterations.
final class CLICharLSTMTests: XCTestCase {
    func testTrainsSavesAndGeneratesText() throws {
        let synapse = try SynapseExecutable(for: self)
        let directory = try makeTemporaryDirectory(self)
        let words = ["the", "quick", "fox", "jumps", "over", "a", "lazy", "dog"]
        let text = (0..<1200).map { words[($0 * 7 + $0 / 5) % words.count] }.joined(separator: " ")
        try Data(text.utf8).write(to: directory.appendingPathComponent("corpus.txt"))
        let train = try synapse.run(["train", "--model", "char-lstm", "--dataset", "corpus.txt", "--iterations", "2",
                                     "--eval-interval", "1", "--batch-size", "2", "--save", "lstm.synapse"],
                                    in: directory)
        XCTAssertEqual(train.status, 0, train.all)
        XCTAssertTrue(train.stdout.contains("char-lstm: 2 LSTM layers of 256 units"), train.all)
        let progress = train.stdout.split(separator: "\n").filter { $0.hasPrefix("iter") }
        XCTAssertEqual(progress.count, 3, train.all)
        XCTAssertTrue(progress.allSatisfy { $0.contains("train loss") && $0.contains("val loss") }, train.all)

        let generate = try synapse.run(["generate", "lstm.synapse", "--prompt", "the ", "--tokens", "30", "--seed", "2"],
                                       in: directory)
        XCTAssertEqual(generate.status, 0, generate.all)
        XCTAssertTrue(generate.stdout.hasPrefix("the "), generate.all)
        XCTAssertEqual(generate.stdout.count, "the ".count + 30 + 1, generate.all)
        let vocabulary = Set(text)
        XCTAssertTrue(generate.stdout.dropLast().allSatisfy { vocabulary.contains($0) }, generate.all)

        let bad = try synapse.run(["generate", "lstm.synapse", "--prompt", "THE"], in: directory)
        XCTAssertEqual(bad.status, 1, bad.all)
        XCTAssertTrue(bad.stderr.contains("not in the model's vocabulary"), bad.all)
        XCTAssertEqual(bad.stdout, "", "nothing is printed before a bad prompt fails")
    }
}

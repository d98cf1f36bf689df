import Foundation
import XCTest
@testable import Synapse

/// Clear one-line messages from the built `synapse` executable: negative
/// numbers, unwritable save locations, and models whose outputs are NaN.
final class CLIMessagesTests: XCTestCase {
    private var directory: URL!
    private var synapse: SynapseExecutable!

    override func setUpWithError() throws {
        synapse = try SynapseExecutable(for: self)
        directory = try makeTemporaryDirectory(self)
    }

    private func run(_ arguments: [String]) throws -> SynapseExecutable.Result {
        try synapse.run(arguments, in: directory)
    }

    func testNegativeNumbersReachTheRealValidationMessage() throws {
        let cases = [
            (["train", "--epochs", "-1"], "--epochs must be at least 1 (got -1)."),
            (["train", "--learning-rate", "-1"], "--learning-rate must be a positive number (got -1.0)."),
            (["train", "--seed", "-5"], "--seed must be a whole number from 0 to 2^64-1 (got -5)."),
            (["train", "--batch-size", "-3"], "--batch-size must be at least 1 (got -3)."),
            (["train", "--validation-split", "-0.5"], "--validation-split must be at least 0 and below 1 (got -0.5)"),
            (["evaluate", "m.synapse", "--batch-size", "-2"], "--batch-size must be at least 1 (got -2)."),
        ]
        for (arguments, message) in cases {
            let result = try run(arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): \(result.all)")
            XCTAssertFalse(result.stderr.contains("Missing value"), "\(arguments): \(result.all)")
        }
    }

    func testAnUnwritableSaveLocationIsRefusedBeforeTrainingNamingThePathGiven() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/proc/self"), "needs Linux's /proc, where nothing can be created")
        let result = try run(["train", "--dataset", "mnist-sample", "--epochs", "1", "--save", "/proc/x.synapse", "--verbose", "2"])
        XCTAssertNotEqual(result.status, 0, result.all)
        XCTAssertTrue(result.stderr.contains("--save '/proc/x.synapse': cannot write in '/proc'"), result.all)
        XCTAssertFalse(result.stderr.contains(".tmp-"), result.all)
        XCTAssertFalse(result.stdout.contains("Epoch 1/1"), "refused before training: \(result.all)")
        let checkpointDir = try run(["train", "--dataset", "mnist-sample", "--checkpoint-dir", "/proc/x.checkpoint"])
        XCTAssertTrue(checkpointDir.stderr.contains("--checkpoint-dir '/proc/x.checkpoint': cannot write in '/proc'"), checkpointDir.all)
    }

    func testAModelWithNaNWeightsIsAnErrorNotAProbabilityOfNaN() throws {
        Synapse.seed(1)
        let model = Sequential([Flatten(), Dense(10, activation: .softmax)])
        try model.build(inputShape: [28, 28])
        model.parameters[0].value = Tensor.filled(model.parameters[0].value.shape, with: .nan)
        let url = directory.appendingPathComponent("nan.synapse")
        try model.save(to: url)
        for arguments in [["predict", url.path, ioFixture("images/digit_p5.pgm").path],
                          ["evaluate", url.path, "--dataset", "mnist-sample"]] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.all)")
            let last = result.stderr.split(separator: "\n").last ?? ""
            XCTAssertTrue(last.hasPrefix("error: the model's outputs hold"), "\(arguments): \(result.all)")
            XCTAssertFalse(result.stdout.contains("nan"), "\(arguments): \(result.all)")
        }
    }

    func testTrainHelpSaysHowResumingCountsEpochs() throws {
        let help = try run(["train", "--help"])
        XCTAssertEqual(help.status, 0, help.all)
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(text.contains("An --epochs below the epochs the checkpoint already holds is an error naming both numbers"), text)
        XCTAssertTrue(text.contains("--force"), text)
    }
}

import ArgumentParser
import Foundation
import XCTest
@testable import Synapse
@testable import SynapseCLI

/// The message ArgumentParser would print for `synapse train` with
/// `arguments`, or nil if they parse.
func trainRejection(_ arguments: [String]) -> String? {
    do {
        _ = try Train.parse(arguments)
        return nil
    } catch {
        return Train.message(for: error)
    }
}

final class CommandLineTests: XCTestCase {
    private func options(_ arguments: [String]) throws -> TrainOptions {
        try Train.parse(arguments).makeOptions()
    }

    /// The message ArgumentParser would print for the arguments, or nil if they parse.
    private func rejection(_ arguments: [String]) -> String? { trainRejection(arguments) }

    func testDefaultsTrainTheKerasExample() throws {
        XCTAssertEqual(try options([]), TrainOptions(
            dataset: .mnist, epochs: 10, batchSize: 32, optimizer: .adam, learningRate: 0.001,
            seed: 0, validationSplit: 0, model: .mlp, savePath: nil, verbosity: .auto))
    }

    func testTheConvnetTrainsWithKerassBatchOf128UnlessToldOtherwise() throws {
        XCTAssertEqual(try options(["--model", "cnn"]).batchSize, 128)
        XCTAssertEqual(try options(["--model", "cnn", "--batch-size", "64"]).batchSize, 64)
    }

    func testEveryFlagIsParsed() throws {
        let directory = try makeTemporaryDirectory(self).path
        let parsed = try options([
            "--dataset", directory, "--epochs", "3", "--batch-size", "64", "--optimizer", "rmsprop",
            "--learning-rate", "0.05", "--seed", "42", "--validation-split", "0.2", "--model", "cnn",
            "--save", directory + "/model.synapse", "--verbose", "2",
        ])
        XCTAssertEqual(parsed, TrainOptions(
            dataset: .directory(path: directory), epochs: 3, batchSize: 64, optimizer: .rmsprop,
            learningRate: 0.05, seed: 42, validationSplit: 0.2, model: .cnn,
            savePath: directory + "/model.synapse", verbosity: .oneLinePerEpoch,
            checkpointDirectory: directory + "/model.synapse.checkpoint"))
    }

    func testBuiltInDatasetNames() throws {
        XCTAssertEqual(try options(["--dataset", "mnist"]).dataset, .mnist)
        XCTAssertEqual(try options(["--dataset", "fashion-mnist"]).dataset, .fashionMNIST)
        XCTAssertEqual(try options(["--dataset", "mnist-sample"]).dataset, .mnistSample)
    }

    func testLearningRateDefaultsToTheOptimizersKerasDefault() throws {
        XCTAssertEqual(try options(["--optimizer", "sgd"]).learningRate, 0.01)
        for name in ["adam", "rmsprop", "adagrad", "adamw"] {
            XCTAssertEqual(try options(["--optimizer", name]).learningRate, 0.001, name)
        }
        XCTAssertEqual(try options(["--optimizer", "sgd", "--learning-rate", "0.1"]).learningRate, 0.1)
    }

    func testVerboseLevels() throws {
        XCTAssertEqual(try options(["--verbose", "0"]).verbosity, .silent)
        XCTAssertEqual(try options(["--verbose", "1"]).verbosity, .progressBar)
        XCTAssertEqual(try options(["--verbose", "2"]).verbosity, .oneLinePerEpoch)
        XCTAssertEqual(try options(["--verbose", "auto"]).verbosity, .auto)
    }

    func testOutOfRangeNumbersAreRejectedWithTheFlagName() {
        XCTAssertEqual(rejection(["--epochs", "0"]), "--epochs must be at least 1 (got 0).")
        XCTAssertEqual(rejection(["--batch-size", "0"]), "--batch-size must be at least 1 (got 0).")
        XCTAssertEqual(rejection(["--learning-rate", "0"]),
                       "--learning-rate must be a positive number (got 0.0).")
        XCTAssertEqual(rejection(["--learning-rate", "nan"]),
                       "--learning-rate must be a positive number (got nan).")
        XCTAssertEqual(rejection(["--validation-split", "1"]),
                       "--validation-split must be at least 0 and below 1 (got 1.0); it is the fraction of samples held out.")
        XCTAssertNotNil(rejection(["--validation-split=-0.1"]))
        XCTAssertNil(rejection(["--validation-split", "0.99"]))
    }

    func testExplainImagesNeedTensorBoardAnImageClassifierAndACount() throws {
        let logs = try makeTemporaryDirectory(self).appendingPathComponent("logs").path
        XCTAssertEqual(try options(["--model", "cnn", "--tensorboard", logs, "--explain-images", "4"]).explainImages, 4)
        XCTAssertNil(try options(["--tensorboard", logs]).explainImages)
        XCTAssertEqual(rejection(["--explain-images", "4"]),
                       "--explain-images logs into the TensorBoard run: add --tensorboard <directory>.")
        XCTAssertEqual(rejection(["--model", "snn", "--tensorboard", logs, "--explain-images", "4"]),
                       "--explain-images explains the mlp and cnn models, not snn.")
        XCTAssertEqual(rejection(["--tensorboard", logs, "--explain-images", "0"]),
                       "--explain-images must be from 1 to 64 images (got 0).")
    }

    func testTheTensorBoardCallbackExplainsTheFirstSamples() throws {
        let test = try MNIST.embeddedSample().splits.test
        let logs = try makeTemporaryDirectory(self).appendingPathComponent("logs").path
        let board = tensorBoard(logDirectory: logs, test: test, model: .cnn,
                                options: try options(["--model", "cnn", "--tensorboard", logs, "--explain-images", "12"]))
        XCTAssertEqual(board.samples?.inputs.shape, [12, 28, 28, 1])
        XCTAssertEqual(board.explanation?.count, 12)
        XCTAssertEqual(board.explanation?.method.name, "ig")
        let plain = tensorBoard(logDirectory: logs, test: test, model: .mlp, options: try options(["--tensorboard", logs]))
        XCTAssertEqual(plain.samples?.inputs.shape.first, 8)
        XCTAssertNil(plain.explanation)
    }

    func testUnknownChoicesAreRejectedListingTheValidOnes() throws {
        let optimizer = try XCTUnwrap(rejection(["--optimizer", "lbfgs"]))
        XCTAssertTrue(optimizer.contains("'lbfgs'") && optimizer.contains("'adamw'"), optimizer)
        let model = try XCTUnwrap(rejection(["--model", "rnn"]))
        // Seven models are listed one per line ("- cnn"), fewer inline ('cnn').
        XCTAssertTrue(model.contains("'rnn'") && (model.contains("'cnn'") || model.contains("- cnn")), model)
        let verbose = try XCTUnwrap(rejection(["--verbose", "3"]))
        XCTAssertTrue(verbose.contains("'3'"), verbose)
        XCTAssertNotNil(rejection(["--epochs", "ten"]))
        XCTAssertNotNil(rejection(["--seed", "-1"]))
    }

    func testMissingDatasetDirectoryIsRejected() {
        XCTAssertEqual(rejection(["--dataset", "/no/such/dataset"]),
                       "--dataset '/no/such/dataset' is neither mnist, fashion-mnist, fsdd nor an existing directory.")
    }

    func testSavePathMustBeANewPathOrASavedModelInAnExistingDirectory() throws {
        let directory = try makeTemporaryDirectory(self).path
        XCTAssertEqual(rejection(["--save", directory]),
                       "--save '\(directory)' exists and is not a Synapse model directory; choose a new path (it is replaced as a whole).")
        XCTAssertEqual(rejection(["--save", "/no/such/dir/model.synapse"]),
                       "--save '/no/such/dir/model.synapse': directory '/no/such/dir' does not exist; create it first.")
        XCTAssertEqual(rejection(["--checkpoint-dir", directory]),
                       "--checkpoint-dir '\(directory)' exists and is not a Synapse checkpoint directory; choose a new path (it is replaced as a whole).")
        // A previous save may be replaced.
        let saved = directory + "/model.synapse"
        try FileManager.default.createDirectory(atPath: saved, withIntermediateDirectories: false)
        XCTAssertTrue(FileManager.default.createFile(atPath: saved + "/config.json", contents: Data("{}".utf8)))
        XCTAssertNil(rejection(["--save", saved]))
    }

    func testCheckpointsGoBesideTheSavedModelUnlessToldOtherwise() throws {
        let directory = try makeTemporaryDirectory(self).path
        XCTAssertNil(try options([]).checkpointDirectory)
        XCTAssertEqual(try options(["--save", directory + "/m.synapse"]).checkpointDirectory, directory + "/m.synapse.checkpoint")
        XCTAssertEqual(try options(["--save", directory + "/m.synapse", "--checkpoint-dir", directory + "/ckpt"]).checkpointDirectory,
                       directory + "/ckpt")
        XCTAssertEqual(try options(["--checkpoint-dir", directory + "/ckpt"]).checkpointDirectory, directory + "/ckpt")
    }

    func testResumeNeedsACheckpointDirectory() throws {
        let directory = try makeTemporaryDirectory(self).path
        XCTAssertEqual(rejection(["--resume", directory]),
                       "--resume '\(directory)' is not a checkpoint directory (it has no model.synapse inside); give the directory --checkpoint-dir or '<save path>.checkpoint' named.")
    }

    func testRootCommandHasTrainAndTheLibraryVersion() throws {
        XCTAssertEqual(SynapseCommand.configuration.version, Synapse.version)
        XCTAssertTrue(SynapseCommand.configuration.subcommands.contains { $0 == Train.self })
        let command = try SynapseCommand.parseAsRoot(["train", "--epochs", "2"])
        XCTAssertEqual(try (command as? Train)?.makeOptions().epochs, 2)
    }

    func testRunFailuresAreReportedAsOneErrorLine() {
        struct Described: LocalizedError {
            var errorDescription: String? { "dataset directory has no train-images file" }
        }
        enum Plain: Error { case outOfMemory }
        XCTAssertEqual(Train.errorLine(for: Described()), "error: dataset directory has no train-images file")
        XCTAssertEqual(Train.errorLine(for: Plain.outOfMemory), "error: outOfMemory")
    }

    func testSummaryIsOneLineWithEveryOption() throws {
        let summary = try options([]).summary
        XCTAssertFalse(summary.contains("\n"))
        XCTAssertEqual(summary,
            "dataset=mnist model=mlp epochs=10 batch-size=32 optimizer=adam learning-rate=0.001 seed=0 validation-split=0.0 save=none checkpoint-dir=none resume=none verbose=1")
    }
}

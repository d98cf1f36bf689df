import ArgumentParser
import Foundation
import XCTest
@testable import Synapse
@testable import SynapseCLI

/// `synapse train --resume`: options left out come from the checkpoint's record.
/// A checkpoint, in a new temporary directory of `test`, whose model
/// records `options` and `dataset`.
func makeRecordedCheckpoint(_ test: XCTestCase, recording options: [String: String],
                            dataset: DatasetRecord = DatasetRecord(name: "mnist-sample")) throws -> (checkpoint: String, directory: URL) {
    let directory = try makeTemporaryDirectory(test)
    let model = Sequential([Dense(2)])
    model.compile(optimizer: SGD(), loss: .meanSquaredError)
    try model.build(inputShape: [3])
    model.metadata = ModelMetadata(dataset: dataset, trainingOptions: options)
    let url = directory.appendingPathComponent("run.checkpoint")
    try TrainingCheckpoint.write(model, epoch: 0, history: History(), to: url)
    return (url.path, directory)
}

final class ResumeOptionsTests: XCTestCase {
    /// A checkpoint whose model records `options` and `dataset`.
    private func checkpoint(recording options: [String: String],
                            dataset: DatasetRecord = DatasetRecord(name: "mnist-sample")) throws -> (checkpoint: String, directory: URL) {
        try makeRecordedCheckpoint(self, recording: options, dataset: dataset)
    }

    func testLeftOutOptionsComeFromTheCheckpoint() throws {
        let save = try makeTemporaryDirectory(self).appendingPathComponent("x.synapse").path
        let (path, _) = try checkpoint(recording: [
            "model": "cnn", "optimizer": "sgd", "epochs": "7", "batch-size": "64", "learning-rate": "0.05",
            "validation-split": "0.1", "seed": "3", "save": save,
        ])
        let options = try Train.parse(["--resume", path]).makeOptions()
        XCTAssertEqual(options, TrainOptions(
            dataset: .mnistSample, epochs: 7, batchSize: 64, optimizer: .sgd, learningRate: 0.05, seed: 0,
            validationSplit: 0.1, model: .cnn, savePath: save,
            verbosity: .auto, checkpointDirectory: path, resumePath: path))
        let overridden = try Train.parse(["--resume", path, "--epochs", "9", "--dataset", "mnist", "--optimizer", "adam"]).makeOptions()
        XCTAssertEqual(overridden.epochs, 9)
        XCTAssertEqual(overridden.dataset, DatasetChoice.mnist)
        XCTAssertEqual(overridden.learningRate, 0.001, "another optimizer starts from its own default rate")
    }

    /// STDP learns outside `fit` and writes no checkpoints, so resuming it
    /// is refused with the reason, whether the flag or the record names it.
    func testSTDPRefusesToResumeAndSaysWhy() throws {
        let (explicit, _) = try checkpoint(recording: ["model": "snn"])
        let (recorded, _) = try checkpoint(recording: ["model": "stdp"])
        for (arguments, path) in [(["--resume", explicit, "--model", "stdp"], explicit), (["--resume", recorded], recorded)] {
            XCTAssertThrowsError(try Train.parse(arguments).makeOptions()) { error in
                XCTAssertEqual(Train.message(for: error),
                               "--model stdp cannot --resume '\(path)': it learns by STDP outside the gradient loop "
                               + "and writes no checkpoints; train it again with the --epochs you want.")
            }
        }
    }

    func testAMalformedRecordIsAnErrorNamingTheCheckpointAndTheFlag() throws {
        let (path, _) = try checkpoint(recording: ["epochs": "lots"])
        XCTAssertThrowsError(try Train.parse(["--resume", path]).makeOptions()) { error in
            XCTAssertEqual(Train.message(for: error),
                           "--resume '\(path)' records an invalid epochs 'lots'; give --epochs explicitly.")
        }
        XCTAssertEqual(try Train.parse(["--resume", path, "--epochs", "2"]).makeOptions().epochs, 2)
    }

    func testACheckpointWithoutARecordUsesTheDefaults() throws {
        let directory = try makeTemporaryDirectory(self)
        let model = Sequential([Dense(2)])
        model.compile(optimizer: Adam(), loss: .meanSquaredError)
        try model.build(inputShape: [3])
        let url = directory.appendingPathComponent("old.checkpoint")
        try TrainingCheckpoint.write(model, epoch: 0, history: History(), to: url)
        let options = try Train.parse(["--resume", url.path]).makeOptions()
        XCTAssertEqual([options.dataset.description, options.model.rawValue, String(options.epochs)], ["mnist", "mlp", "10"])
    }

    func testARecordedDirectoryThatIsGoneIsNamedAsTheCheckpoints() throws {
        let gone = try makeTemporaryDirectory(self).appendingPathComponent("moved").path
        let (path, _) = try checkpoint(recording: [:], dataset: DatasetRecord(name: "idx-directory", path: gone, fingerprint: "sha256:0"))
        XCTAssertThrowsError(try Train.parse(["--resume", path])) { error in
            XCTAssertEqual(Train.message(for: error),
                           "--resume '\(path)' was trained on the data in '\(gone)', which is no longer there; pass --dataset with where it is now.")
        }
    }
}

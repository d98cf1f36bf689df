import ArgumentParser
import Foundation
import Synapse

/// `synapse train`: trains a model and reports its accuracy.
struct Train: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        abstract: "Train a model on a dataset and report its accuracy.",
        discussion: """
            With no options, trains a multilayer perceptron on MNIST for 10 \
            epochs with Adam (batch size 32, learning rate 0.001), like the \
            classic Keras example.

            With --save, the model is saved at the end and a checkpoint is \
            written to '<path>.checkpoint' after every epoch. Ctrl-C finishes \
            the current step, writes the checkpoint, prints where it is and \
            exits with status 130; --resume continues from it.
            """
    )

    @Option(help: ArgumentHelp(
        "The data to train on: mnist, mnist-sample (the 5,000 images built in), fashion-mnist, or a directory holding IDX files.",
        valueName: "mnist|mnist-sample|fashion-mnist|directory"))
    var dataset: DatasetChoice = .mnist

    @Option(help: "How many times to go through the whole training set (at least 1).")
    var epochs = 10

    @Option(help: ArgumentHelp(
        "How many samples each gradient step averages over (at least 1). (default: 32 for mlp, as in the article; 128 for cnn, as in Keras's convnet example)",
        valueName: "n"))
    var batchSize: Int?

    @Option(help: "The algorithm that updates the weights from the gradients.")
    var optimizer: OptimizerChoice = .adam

    @Option(help: ArgumentHelp(
        "The optimizer's step size, a positive number. (default: the optimizer's Keras default: 0.01 for sgd, 0.001 for the others)",
        valueName: "rate"))
    var learningRate: Double?

    @Option(help: "Seeds weight initialisation and shuffling; the same seed repeats a run.")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp(
        "The fraction of training samples held out to measure val_loss and val_accuracy each epoch, at least 0 and below 1.",
        valueName: "fraction"))
    var validationSplit = 0.0

    @Option(help: "The network: mlp (dense layers) or cnn (convolutions).")
    var model: ModelChoice = .mlp

    @Option(name: .customLong("save"), help: ArgumentHelp(
        "Save the trained model to this model directory (e.g. model.synapse) at the end. Unless --checkpoint-dir says otherwise, checkpoints go to '<path>.checkpoint'.",
        valueName: "path"))
    var savePath: String?

    @Option(name: .customLong("checkpoint-dir"), help: ArgumentHelp(
        "Write a resumable checkpoint to this directory after every epoch and on Ctrl-C (default: '<save path>.checkpoint' when --save is given, otherwise none).",
        valueName: "directory"))
    var checkpointDirectory: String?

    @Option(name: .customLong("resume"), help: ArgumentHelp(
        "Continue training from this checkpoint directory up to --epochs in total; give the same --model and --optimizer as the run that wrote it.",
        valueName: "checkpoint"))
    var resumePath: String?

    @Option(name: .customLong("verbose"), help: ArgumentHelp(
        "Progress output: 0 silent, 1 a progress bar (one line per epoch when not a terminal), 2 one line per epoch, auto the same as 1.",
        valueName: "0|1|2|auto"))
    var verbosity: VerbosityChoice = .auto

    /// Rejects out-of-range values before anything runs.
    func validate() throws {
        _ = try makeOptions()
    }

    /// Trains; a failure prints one `error:` line on standard error and exits with status 1.
    func run() throws {
        let options = try makeOptions()
        try reportingFailures { try runTraining(options) }
    }

    /// The validated options, or a `ValidationError` naming the bad flag and how to fix it.
    func makeOptions() throws -> TrainOptions {
        guard epochs >= 1 else {
            throw ValidationError("--epochs must be at least 1 (got \(epochs)).")
        }
        let batchSize = self.batchSize ?? model.defaultBatchSize
        guard batchSize >= 1 else {
            throw ValidationError("--batch-size must be at least 1 (got \(batchSize)).")
        }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw ValidationError("--learning-rate must be a positive number (got \(learningRate)).")
        }
        guard validationSplit >= 0 && validationSplit < 1 else {
            throw ValidationError(
                "--validation-split must be at least 0 and below 1 (got \(validationSplit)); it is the fraction of samples held out.")
        }
        if case .directory(let path) = dataset, !isDirectory(path) {
            throw ValidationError(
                "--dataset '\(path)' is neither mnist, fashion-mnist nor an existing directory.")
        }
        if let savePath {
            try validateOutputDirectory(savePath, flag: "--save", marker: "config.json", kind: "model")
        }
        let checkpointDirectory = self.checkpointDirectory ?? savePath.map { $0 + ".checkpoint" }
        if let checkpointDirectory {
            try validateOutputDirectory(checkpointDirectory, flag: self.checkpointDirectory == nil ? "--save" : "--checkpoint-dir",
                                        marker: "state.json", kind: "checkpoint")
        }
        if let resumePath,
           !FileManager.default.fileExists(atPath: TrainingCheckpoint.modelURL(in: URL(fileURLWithPath: resumePath)).path) {
            throw ValidationError("--resume '\(resumePath)' is not a checkpoint directory (it has no model.synapse inside); give the directory --checkpoint-dir or '<save path>.checkpoint' named.")
        }
        return TrainOptions(
            dataset: dataset,
            epochs: epochs,
            batchSize: batchSize,
            optimizer: optimizer,
            learningRate: learningRate ?? optimizer.defaultLearningRate,
            seed: seed,
            validationSplit: validationSplit,
            model: model,
            savePath: savePath,
            verbosity: verbosity.verbosity,
            checkpointDirectory: checkpointDirectory,
            resumePath: resumePath)
    }

    /// Checks an output directory up front, so a long run does not fail at
    /// the very end, and so an unrelated directory is never replaced: an
    /// existing one must hold `marker` (it was written by Synapse).
    private func validateOutputDirectory(_ path: String, flag: String, marker: String, kind: String) throws {
        guard !path.isEmpty else {
            throw ValidationError("\(flag) needs a path.")
        }
        if FileManager.default.fileExists(atPath: path) {
            guard isDirectory(path), FileManager.default.fileExists(atPath: path + "/" + marker) else {
                throw ValidationError("\(flag) '\(path)' exists and is not a Synapse \(kind) directory; choose a new path (it is replaced as a whole).")
            }
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard isDirectory(parent) else {
            throw ValidationError("\(flag) '\(path)': directory '\(parent)' does not exist; create it first.")
        }
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The one line reporting a failed run: `error: ` and the error's description.
    static func errorLine(for error: Error) -> String {
        SynapseCLI.errorLine(for: error)
    }
}

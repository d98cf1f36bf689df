import ArgumentParser
import Foundation

/// `synapse train`: trains a model and reports its accuracy.
struct Train: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        abstract: "Train a model on a dataset and report its accuracy.",
        discussion: """
            With no options, trains a multilayer perceptron on MNIST for 10 \
            epochs with Adam (batch size 32, learning rate 0.001), like the \
            classic Keras example.
            """
    )

    @Option(help: ArgumentHelp(
        "The data to train on: mnist, fashion-mnist, or a directory holding IDX files.",
        valueName: "mnist|fashion-mnist|directory"))
    var dataset: DatasetChoice = .mnist

    @Option(help: "How many times to go through the whole training set (at least 1).")
    var epochs = 10

    @Option(help: "How many samples each gradient step averages over (at least 1).")
    var batchSize = 32

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
        "Save the trained model to this file.", valueName: "path"))
    var savePath: String?

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
        do {
            try runTraining(options)
        } catch {
            FileHandle.standardError.write(Data((Self.errorLine(for: error) + "\n").utf8))
            throw ExitCode.failure
        }
    }

    /// The validated options, or a `ValidationError` naming the bad flag and how to fix it.
    func makeOptions() throws -> TrainOptions {
        guard epochs >= 1 else {
            throw ValidationError("--epochs must be at least 1 (got \(epochs)).")
        }
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
            try validateSavePath(savePath)
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
            verbosity: verbosity.verbosity)
    }

    /// Checks the save path up front, so a long run does not fail at the very end.
    private func validateSavePath(_ path: String) throws {
        guard !path.isEmpty else {
            throw ValidationError("--save needs a file path.")
        }
        if isDirectory(path) {
            throw ValidationError("--save '\(path)' is a directory; give a file path inside it.")
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard isDirectory(parent) else {
            throw ValidationError("--save '\(path)': directory '\(parent)' does not exist; create it first.")
        }
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The one line reporting a failed run: `error: ` and the error's description.
    static func errorLine(for error: Error) -> String {
        if let localized = error as? LocalizedError, let description = localized.errorDescription {
            return "error: \(description)"
        }
        return "error: \(error)"
    }
}

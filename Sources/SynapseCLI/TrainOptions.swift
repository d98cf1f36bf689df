import Foundation
import Synapse

/// Everything `synapse train` was asked to do, parsed and validated.
struct TrainOptions: Equatable {
    /// The data to train on.
    var dataset: DatasetChoice
    /// Passes over the training data; at least 1.
    var epochs: Int
    /// Samples per gradient step; at least 1.
    var batchSize: Int
    /// The optimizer.
    var optimizer: OptimizerChoice
    /// The optimizer's step size; positive and finite.
    var learningRate: Double
    /// Seeds weight initialisation and shuffling, so runs can be repeated.
    var seed: UInt64
    /// The fraction of training samples held out for validation, in [0, 1).
    var validationSplit: Double
    /// The architecture.
    var model: ModelChoice
    /// Where to save the trained model, or `nil` to not save it.
    var savePath: String?
    /// How much progress to print.
    var verbosity: Verbosity
    /// Where the end-of-epoch and Ctrl-C checkpoints go: `--checkpoint-dir`,
    /// else `<save>.checkpoint`, else `nil` (no checkpoints).
    var checkpointDirectory: String? = nil
    /// The checkpoint to continue from, or `nil` to start afresh.
    var resumePath: String? = nil
    /// Whether to resume even on other data than the checkpoint's.
    var force = false
    /// Where TensorBoard logs go, or `nil` for none.
    var tensorboardDirectory: String? = nil
    /// How many test images' attribution maps TensorBoard shows each epoch (`--explain-images`), or `nil` for none.
    var explainImages: Int? = nil
    /// Where the run's pictures go at the end, or `nil` for none.
    var plotsDirectory: String? = nil
    /// The side images from a folder of class subfolders are resized to (`--image-size`).
    var imageSize: Int? = nil
    /// Whether to train data-parallel with the processes mpirun started.
    var distributed = false
    /// Differentially private training, with `--dp`.
    var privacy: PrivacyOptions? = nil

    /// What a checkpoint records so that `--resume` can continue with the
    /// same settings: the options in command-line spelling, paths absolute.
    var record: [String: String] {
        var values = [
            "model": model.rawValue,
            "epochs": String(epochs),
            "batch-size": String(batchSize),
            "optimizer": optimizer.rawValue,
            "learning-rate": String(learningRate),
            "validation-split": String(validationSplit),
            "seed": String(seed),
        ]
        if let savePath { values["save"] = URL(fileURLWithPath: savePath).path }
        return values
    }

    /// The options as one `key=value` line, in command-line spelling.
    var summary: String {
        [
            "dataset=\(dataset)",
            "model=\(model.rawValue)",
            "epochs=\(epochs)",
            "batch-size=\(batchSize)",
            "optimizer=\(optimizer.rawValue)",
            "learning-rate=\(learningRate)",
            "seed=\(seed)",
            "validation-split=\(validationSplit)",
            "save=\(savePath ?? "none")",
            "checkpoint-dir=\(checkpointDirectory ?? "none")",
            "resume=\(resumePath ?? "none")",
            "verbose=\(verbosity.rawValue)",
        ].joined(separator: " ") + (privacy.map { " " + $0.summary } ?? "")
    }
}

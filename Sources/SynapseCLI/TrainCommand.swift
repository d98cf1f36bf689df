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
            the current step, writes the checkpoint, prints the command that \
            continues and exits with status 130.

            --resume CHECKPOINT continues up to --epochs in total (the \
            checkpoint's epochs count towards it). Options left out are taken \
            from the checkpoint, so `synapse train --resume CHECKPOINT` \
            finishes the interrupted run. An --epochs below the epochs the \
            checkpoint already holds is an error naming both numbers; equal \
            to them, nothing is trained and the model is saved and evaluated.

            --dp trains with differential privacy (DP-SGD): each example's \
            gradient is clipped to --max-grad-norm, Gaussian noise of \
            --noise-multiplier times that norm is added, and batches are \
            drawn by Poisson sampling (rate batch-size / N). Give \
            --noise-multiplier, or --target-epsilon to have it computed for \
            the whole run. ε is printed every epoch and saved with the model, \
            by --accountant (rdp by default, pld for the tight figure); the \
            last line gives both. \
            Both models work privately: mlp (dense layers) and cnn (two \
            convolutions, pooling and dropout, with no normalization layer; \
            BatchNormalization cannot be private, GroupNormalization can).
            """
    )

    @Option(help: ArgumentHelp(
        "The data to train on: mnist, mnist-sample (the 5,000 images built in), fashion-mnist, fsdd (spoken digits, with --model audio-cnn), or a directory holding IDX files (or WAV files in class subfolders, with --model audio-cnn). (default: mnist; with --resume, the checkpoint's)",
        valueName: "mnist|mnist-sample|fashion-mnist|fsdd|directory"))
    var dataset: DatasetChoice?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "How many times to go through the whole training set in total, at least 1; with --resume, the checkpoint's epochs count towards it and it must be at least as many. (default: 10; with --resume, the checkpoint's)",
        valueName: "n"))
    var epochs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "How many samples each gradient step averages over (at least 1). (default: 32 for mlp, as in the article; 128 for cnn, as in Keras's convnet example, and for snn and scnn, as in snnTorch's tutorials; with --resume, the checkpoint's)",
        valueName: "n"))
    var batchSize: Int?

    @Option(help: ArgumentHelp("The algorithm that updates the weights from the gradients. (default: adam; with --resume, the checkpoint's)"))
    var optimizer: OptimizerChoice?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "The optimizer's step size, a positive number. (default: the optimizer's Keras default: 0.01 for sgd, 0.001 for the others; with --resume, the checkpoint's)",
        valueName: "rate"))
    var learningRate: Double?

    @Option(parsing: .unconditional, help: "Seeds weight initialisation and shuffling; the same seed repeats a run. A whole number from 0 to 2^64-1.",
            transform: parseSeed)
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "The fraction of training samples held out to measure val_loss and val_accuracy each epoch, at least 0 and below 1. (default: 0; with --resume, the checkpoint's)",
        valueName: "fraction"))
    var validationSplit: Double?

    @Option(help: ArgumentHelp("The network: mlp (dense layers), cnn (convolutions), snn (spiking, snnTorch tutorial 5), scnn (spiking convolutions, tutorial 6), stdp (unsupervised spiking network learning by STDP; its receptive fields are drawn to <save>.receptive-fields.png or stdp-receptive-fields.png), gpt (a character-level transformer, trained on --dataset tinyshakespeare or a text file), char-lstm (a 2-layer character-level LSTM, as char-rnn, trained on the same text) or audio-cnn (convolutions over log-mel spectrograms of WAV recordings). (default: mlp, or audio-cnn for --dataset fsdd; with --resume, the checkpoint's)"))
    var model: ModelChoice?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "For --model gpt and char-lstm: the number of optimizer steps, at least 1. (default: 2000)", valueName: "n"))
    var iterations: Int = 2000

    @Option(name: .customLong("eval-interval"), parsing: .unconditional, help: ArgumentHelp(
        "For --model gpt and char-lstm: estimate the training and validation loss every n iterations, at least 1. (default: 250)",
        valueName: "n"))
    var evaluationInterval: Int = 250

    @Flag(help: "For --model gpt: give the blocks' projections biases and the layer normalisations offsets (nanoGPT's bias=True; its Shakespeare configuration, the default here, has none).")
    var bias = false

    @Option(name: .customLong("save"), help: ArgumentHelp(
        "Save the trained model to this model directory (e.g. model.synapse) at the end. Unless --checkpoint-dir says otherwise, checkpoints go to '<path>.checkpoint'. (default: none; with --resume, the checkpoint's)",
        valueName: "path"))
    var savePath: String?

    @Option(name: .customLong("checkpoint-dir"), help: ArgumentHelp(
        "Write a resumable checkpoint to this directory after every epoch and on Ctrl-C (default: with --resume, the checkpoint resumed from; else '<save path>.checkpoint' when there is a save path; else none).",
        valueName: "directory"))
    var checkpointDirectory: String?

    @Option(name: .customLong("resume"), help: ArgumentHelp(
        "Continue training from this checkpoint directory. The dataset, model, optimizer, learning rate, batch size, validation split, epochs and save path default to the checkpoint's; a different dataset is refused unless --force is given.",
        valueName: "checkpoint"))
    var resumePath: String?

    @Flag(help: "With --resume, continue even on another dataset than the checkpoint was trained on.")
    var force = false

    @Option(name: .customLong("tensorboard"), help: ArgumentHelp(
        "Write TensorBoard logs into this directory (train/ and validation/ runs: losses, accuracy, learning rate, weight and gradient histograms, test images with their predictions, the hyper-parameters); view them with `tensorboard --logdir <directory>`.",
        valueName: "directory"))
    var tensorboardDirectory: String?

    @Option(name: .customLong("explain-images"), parsing: .unconditional, help: ArgumentHelp(
        "With --tensorboard and --model mlp or cnn: also log, every epoch, the integrated-gradients map (50 steps, zero baseline, the predicted class) of each of the first n test images, blended over the image (images explain/ig/0, explain/ig/1, …).",
        valueName: "n"))
    var explainImages: Int?

    @Option(name: .customLong("plots"), help: ArgumentHelp(
        "Draw the run into this directory at the end, as PNG and SVG: the loss and accuracy curves, the confusion matrix on the test set, and the misclassified test images.",
        valueName: "directory"))
    var plotsDirectory: String?

    @Option(name: .customLong("image-size"), parsing: .unconditional, help: ArgumentHelp(
        "With --dataset FOLDER of class subfolders holding PNG or PGM images: resize every image to n×n pixels (grey, bilinear). (default: 28)",
        valueName: "n"))
    var imageSize: Int?

    @Flag(help: ArgumentHelp(
        "Train data-parallel with the processes mpirun started: `mpirun -np 2 synapse train --distributed` (as root add --allow-run-as-root; --oversubscribe for more ranks than cores). --batch-size is the global batch, split evenly among the ranks; rank 0 prints, checkpoints and saves. Needs a build with Open MPI: `swift build --traits MPI`."))
    var distributed = false
    @Flag(help: "Train with differential privacy (DP-SGD); needs --noise-multiplier or --target-epsilon.")
    var dp = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --dp: σ, the noise's standard deviation over --max-grad-norm (a positive number).", valueName: "σ"))
    var noiseMultiplier: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --dp: the ε the whole run may spend at --delta; the noise multiplier is computed from it.", valueName: "ε"))
    var targetEpsilon: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --dp: δ of the (ε, δ) guarantee, above 0 and below 1/N for N training examples. (default: 1e-5)",
        valueName: "δ"))
    var delta: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --dp: C, the largest norm an example's gradient keeps (a positive number). (default: 1)", valueName: "C"))
    var maxGradNorm: Double?

    @Option(help: ArgumentHelp(
        "With --dp: the accountant that prints ε and finds σ for --target-epsilon: rdp (Rényi DP, as Opacus's and TF Privacy's tables; a looser bound) or pld (the privacy loss distribution, as dp-accounting; tight, so a target needs less noise). The last line gives both. (default: rdp)",
        valueName: "name"))
    var accountant: PrivacyAccountantKind?

    @Option(name: .customLong("verbose"), help: ArgumentHelp(
        "Progress output: 0 silent, 1 a progress bar (one line per epoch when not a terminal), 2 one line per epoch and the details of a dataset fallback, auto the same as 1.",
        valueName: "0|1|2|auto"))
    var verbosity: VerbosityChoice = .auto

    /// Rejects out-of-range values before anything runs.
    func validate() throws {
        if bias && model != .gpt { throw ValidationError("--bias applies to --model gpt only.") }
        if model?.isTextModel == true { return try validateTextOptions() }
        _ = try makeOptions()
    }

    /// Trains; a failure prints one `error:` line on standard error and exits with status 1.
    func run() throws {
        if model?.isTextModel == true { return try reportingFailures { try runTextTraining(try makeTextOptions()) } }
        let options = try makeOptions()
        try reportingFailures {
            if options.model == .audioCNN || options.dataset == .fsdd {
                try runAudioTraining(options)
            } else {
                try runTraining(options)
            }
        }
    }

    /// The validated options, or a `ValidationError` naming the bad flag and
    /// how to fix it. With `--resume`, options not given on the command line
    /// come from the checkpoint's record.
    func makeOptions() throws -> TrainOptions {
        let recorded = try resumePath.map(RecordedTrainOptions.init(checkpoint:))
        let model = try self.model ?? recorded?.model() ?? (self.dataset == .fsdd ? .audioCNN : .mlp)
        if model == .stdp, let resumePath {
            throw ValidationError("--model stdp cannot --resume '\(resumePath)': it learns by STDP outside the gradient loop "
                + "and writes no checkpoints; train it again with the --epochs you want.")
        }
        let optimizer = try self.optimizer ?? recorded?.optimizer() ?? .adam
        let epochs = try self.epochs ?? recorded?.integer("epochs") ?? (model == .audioCNN ? 12 : 10)
        guard epochs >= 1 else {
            throw ValidationError("--epochs must be at least 1 (got \(epochs)).")
        }
        let batchSize = try self.batchSize ?? recorded?.integer("batch-size") ?? model.defaultBatchSize
        guard batchSize >= 1 else {
            throw ValidationError("--batch-size must be at least 1 (got \(batchSize)).")
        }
        let learningRate = try self.learningRate ?? (self.optimizer == nil ? recorded?.number("learning-rate") : nil)
            ?? model.defaultLearningRate(with: optimizer) ?? optimizer.defaultLearningRate
        guard learningRate > 0 && learningRate.isFinite else {
            throw ValidationError("--learning-rate must be a positive number (got \(learningRate)).")
        }
        let validationSplit = try self.validationSplit ?? recorded?.number("validation-split") ?? 0
        guard validationSplit >= 0 && validationSplit < 1 else {
            throw ValidationError(
                "--validation-split must be at least 0 and below 1 (got \(validationSplit)); it is the fraction of samples held out.")
        }
        let dataset = self.dataset ?? recorded?.dataset ?? .mnist
        if case .directory(let path) = dataset, !isDirectory(path) {
            if self.dataset == nil, let resumePath {
                throw ValidationError("--resume '\(resumePath)' was trained on the data in '\(path)', which is no longer there; pass --dataset with where it is now.")
            }
            throw ValidationError(
                "--dataset '\(path)' is neither mnist, fashion-mnist, fsdd nor an existing directory.")
        }
        let savePath = self.savePath ?? recorded?.string("save")
        if let savePath {
            try validateOutputDirectory(savePath, flag: "--save", marker: "config.json", kind: "model")
        }
        // A resumed run keeps checkpointing where it resumed from.
        let checkpointDirectory = self.checkpointDirectory ?? resumePath ?? savePath.map { $0 + ".checkpoint" }
        if let checkpointDirectory {
            try validateOutputDirectory(checkpointDirectory, flag: self.checkpointDirectory == nil ? "--save" : "--checkpoint-dir",
                                        marker: "state.json", kind: "checkpoint")
        }
        if let imageSize, !(1 ... 1024).contains(imageSize) {
            throw ValidationError("--image-size must be from 1 to 1024 pixels (got \(imageSize)).")
        }
        if let explainImages {
            guard tensorboardDirectory != nil else {
                throw ValidationError("--explain-images logs into the TensorBoard run: add --tensorboard <directory>.")
            }
            guard model == .mlp || model == .cnn else {
                throw ValidationError("--explain-images explains the mlp and cnn models, not \(model.rawValue).")
            }
            guard (1 ... 64).contains(explainImages) else {
                throw ValidationError("--explain-images must be from 1 to 64 images (got \(explainImages)).")
            }
        }
        let privacy = try PrivacyOptions(dp: dp, noiseMultiplier: noiseMultiplier, targetEpsilon: targetEpsilon,
                                         delta: delta, maxGradNorm: maxGradNorm, accountant: accountant,
                                         resuming: resumePath != nil)
        var options = TrainOptions(
            dataset: dataset,
            epochs: epochs,
            batchSize: batchSize,
            optimizer: optimizer,
            learningRate: learningRate,
            seed: seed,
            validationSplit: validationSplit,
            model: model,
            savePath: savePath,
            verbosity: verbosity.verbosity,
            checkpointDirectory: checkpointDirectory,
            resumePath: resumePath,
            force: force,
            tensorboardDirectory: tensorboardDirectory,
            plotsDirectory: plotsDirectory,
            distributed: distributed,
            privacy: privacy)
        options.imageSize = imageSize
        options.explainImages = explainImages
        return options
    }

    /// Checks an output directory up front, so a long run does not fail at
    /// the very end, and so an unrelated directory is never replaced: an
    /// existing one must hold `marker` (it was written by Synapse), and its
    /// parent must let a directory be created in it.
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
        if let reason = unwritableReason(directory: parent) {
            throw ValidationError("\(flag) '\(path)': cannot write in '\(parent)' (\(reason)); choose a writable location.")
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

import Foundation
import Synapse

/// Trains the model `options` describe, as the article's program does:
/// load the data, build and compile the model, fit, evaluate, and print the
/// test accuracy. With a save path, the model is saved at the end; with a
/// checkpoint directory, a checkpoint is written after every epoch and on
/// Ctrl-C (which then exits with status 130).
func runTraining(_ options: TrainOptions) throws {
    let parallel = try options.distributed ? DistributedRun.join() : nil
    let isLeader = parallel?.communicator.isLeader ?? true
    // Only rank 0 checkpoints, saves and draws.
    let checkpointURL = isLeader ? options.checkpointDirectory.map { URL(fileURLWithPath: $0) } : nil
    // Ctrl-C during training cancels the task it runs in, as any caller of
    // `fit` would stop it.
    let training = CancellableTraining()
    let monitor = InterruptMonitor(
        onFirstInterrupt: {
            let saving = checkpointURL == nil ? "" : ", saving a checkpoint"
            writeToStandardError("\nInterrupted: finishing the current step\(saving) (Ctrl-C again quits at once)")
            training.cancel()
        },
        onQuit: {
            writeToStandardError("\nInterrupted")
            exit(130)
        })
    // Outside the training loop there is no step to finish: Ctrl-C quits.
    monitor.quitsOnInterrupt = true
    monitor.start()
    defer { monitor.stop() }

    Synapse.seed(options.seed)
    let resumed = try options.resumePath.map { try TrainingCheckpoint(contentsOf: URL(fileURLWithPath: $0)) }
    if let resumed, let resumePath = options.resumePath, resumed.epoch >= options.epochs {
        throw CLIError("--epochs \(options.epochs) is below the \(resumed.epoch + 1) epochs checkpoint \(resumePath) already holds; "
            + "--epochs counts the whole run: pass --epochs \(resumed.epoch + 1) or more (or leave it out to finish the checkpoint's run)")
    }
    let data = try loadDataset(options.dataset, verbosity: options.verbosity, imageSize: options.imageSize)
    print(data.loaded.summary)
    if options.verbosity == .oneLinePerEpoch, let details = data.loaded.fallbackReason { print("  details: \(details)") }
    if let resumed, let resumePath = options.resumePath {
        try checkSameData(resumed, checkpoint: resumePath, as: data.record, force: options.force)
    }

    let model = try makeModel(options.model)
    model.metadata = data.metadata(trainingOptions: options.record)
    model.compile(optimizer: options.model.optimizer(options.optimizer, learningRate: Float(options.learningRate)),
                  loss: options.model.loss, metrics: [options.model.accuracy], privacy: options.privacy?.settings)
    let train = trainingSource(data.loaded.splits.train, for: options.model)
    let test = trainingSource(data.loaded.splits.test, for: options.model)
    try model.build(inputShape: train.inputShape)
    if let parallel { model.distribute(parallel) }
    if options.verbosity != .silent { model.summary() }

    if let resumed {
        print("Resuming from \(resumed.directory.path): \(resumed.epoch + 1) of \(options.epochs) epochs done, step \(resumed.step)")
    }
    let checkpoint = checkpointURL.map { ModelCheckpoint(directory: $0) }
    let resumeCommand = ResumeCommand(options: options, dataset: data.record)
    let interrupt = InterruptCheckpoint(checkpoint: checkpoint) { stop in
        print(interruptionReport(stop, resumeCommand: resumeCommand))
        exit(130)
    }
    let stopOnNaN = TerminateOnNaN()
    var callbacks: [Callback] = (checkpoint.map { [$0] } ?? []) + [interrupt, stopOnNaN, DivergenceWarning()]
    let board = options.tensorboardDirectory.flatMap { directory in
        isLeader ? tensorBoard(logDirectory: directory, test: data.loaded.splits.test, model: options.model, options: options) : nil
    }
    if let board { callbacks.append(board) }

    monitor.quitsOnInterrupt = false
    var history: History?
    if options.model == .stdp {
        try learnByPlasticity(model, on: data.loaded.splits.train, epochs: options.epochs, seed: options.seed,
                              receptiveFields: receptiveFieldsPath(savePath: options.savePath))
    } else { do {
        history = try training.run {
            if let resumePath = options.resumePath {
                try model.fit(train, epochs: options.epochs, batchSize: options.batchSize,
                              validationSplit: options.validationSplit, callbacks: callbacks,
                              verbose: options.verbosity, resumeFrom: URL(fileURLWithPath: resumePath))
            } else {
                try model.fit(train, epochs: options.epochs, batchSize: options.batchSize,
                              validationSplit: options.validationSplit, callbacks: callbacks, verbose: options.verbosity)
            }
        }
    } catch is CancellationError {
        interrupt.stopAfterCancellation(model)
    } }
    monitor.quitsOnInterrupt = true
    if let board, let failed = board.writeError {
        writeToStandardError("warning: the TensorBoard log in \(board.logDirectory.path) is incomplete: \(failed); "
            + "training went on without it (choose a writable directory for --tensorboard)")
    }
    if let stopped = stopOnNaN.message(learningRate: model.compiled?.optimizer.learningRate) {
        throw CLIError(stopped + " (--learning-rate \(options.learningRate)); the model was not saved")
    }
    if let failed = checkpoint?.lastError {
        throw CLIError("saving the checkpoint to \(options.checkpointDirectory ?? "") failed: \(failed)")
    }
    if let history { model.metadata.history = history }
    if let parallel { try DistributedRun.finish(parallel) }
    guard isLeader else { return }
    if let savePath = options.savePath {
        try model.save(to: URL(fileURLWithPath: savePath))
        print("Saved the model to \(savePath)")
    }
    let result = try model.evaluate(test, batchSize: 1000, verbose: options.verbosity)
    print("Test loss: \(String(format: "%.4f", result.loss))")
    print("Test accuracy: \(String(format: "%.4f", result.accuracy))")
    if let costs = spikingCostReport(model, inputs: try modelInputs(data.loaded.splits.test.imageTensor, for: model, source: "the dataset")) {
        print(costs)
    }
    if let savePath = options.savePath {
        let first = try modelInputs(data.loaded.splits.test.imageTensor, for: model, source: "the dataset").slice(alongAxis: 0, 0 ..< 1)
        for path in try writeSpikingPictures(model, firstImage: first, savePath: savePath) { print("Wrote \(path)") }
    }
    if let privacy = model.metadata.privacy { print(privacyReport(privacy)) }
    if let directory = options.plotsDirectory {
        let results = try TestResults(model, on: data.loaded.splits.test)
        let written = try writeRunPictures(history: history, results: results, to: URL(fileURLWithPath: directory))
        print("Wrote \(written.count) pictures to \(directory)")
    }
}

/// The TensorBoard callback `--tensorboard` adds: eight test images (or as
/// many as `--explain-images` asks for, if more) as samples (shown with
/// their predictions, and used for gradient histograms), the run's options
/// as hyper-parameters, and with `--explain-images n` the integrated
/// gradients maps of the first n samples.
func tensorBoard(logDirectory: String, test: LabeledImages, model: ModelChoice, options: TrainOptions) -> TensorBoard {
    let count = min(max(8, options.explainImages ?? 0), test.count)
    let samples = trainingSource(test, for: model).batch(at: Array(0 ..< count))
    return TensorBoard(logDirectory: URL(fileURLWithPath: logDirectory), samples: samples,
                       hyperparameters: options.record.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) },
                       explanation: options.explainImages.map { SampleExplanation(method: IntegratedGradients(), count: $0) })
}

/// The guarantee of a privately trained model, in one line: ε by its
/// accountant, then by the other one (RDP with the Balle et al. conversion, or PLD).
func privacyReport(_ record: PrivacyRecord) -> String {
    let steps = [PrivacySteps(noiseMultiplier: record.noiseMultiplier, sampleRate: record.sampleRate, count: record.steps)]
    let other: PrivacyAccountantKind = record.accountant == "pld" ? .rdp : .pld
    let otherEpsilon = other.epsilon(history: steps, delta: record.delta)
    let name = record.accountant == "pld" ? "PLD" : "RDP"
    return "Privacy: ε = \(String(format: "%.3f", record.epsilon)) (\(name); \(other == .pld ? "PLD" : "RDP") "
        + "\(String(format: "%.3f", otherEpsilon))) at δ = \(record.delta) (σ = \(String(format: "%.4f", record.noiseMultiplier)), "
        + "C = \(record.maxGradNorm), q = \(String(format: "%.6f", record.sampleRate)), \(record.steps) steps, \(record.sampling) sampling)"
}

/// What Ctrl-C stopped, where the checkpoint is, and the whole command
/// that continues.
func interruptionReport(_ stop: InterruptCheckpoint.Stop, resumeCommand: ResumeCommand) -> String {
    let when = stop.step.map { "during epoch \(stop.epoch + 1), after step \($0)" } ?? "at the end of epoch \(stop.epoch + 1)"
    guard let checkpoint = stop.checkpoint else {
        return "Training interrupted \(when); no checkpoint was written (pass --save or --checkpoint-dir to keep progress)."
    }
    let rerun = stop.step == nil ? "" : "\nIt reruns epoch \(stop.epoch + 1) from the weights saved after that step."
    return "Training interrupted \(when). Checkpoint saved to \(checkpoint.path)\n"
        + "Continue with: \(resumeCommand.line(checkpoint: checkpoint.path))\(rerun)"
}

/// Refuses to continue `checkpoint` on other data than it was trained on,
/// unless `force` (then it warns).
func checkSameData(_ checkpoint: TrainingCheckpoint, checkpoint path: String, as data: DatasetRecord, force: Bool) throws {
    guard let trainedOn = checkpoint.metadata.dataset, !trainedOn.isSameData(as: data) else { return }
    guard force else {
        throw CLIError("checkpoint \(path) was trained on \(trainedOn.spelledOut), not on \(data.spelledOut); "
            + "leave --dataset out to continue on the checkpoint's data, or pass --force to continue on this data anyway")
    }
    writeToStandardError("warning: checkpoint \(path) was trained on \(trainedOn.spelledOut); continuing on \(data.spelledOut) (--force)")
}

/// Writes `line` and a newline to standard error, unbuffered.
func writeToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// The chosen dataset, named by what it is; MNIST falls back to the
/// embedded sample when the full set cannot be found or downloaded. A
/// dataset that cannot be had is one short error, with every mirror's
/// failure only at `--verbose 2`.
func loadDataset(_ choice: DatasetChoice, verbosity: Verbosity = .auto, imageSize: Int? = nil) throws -> IdentifiedDataset {
    if case .directory(let path) = choice, let folder = try imageFolderDataset(at: path, imageSize: imageSize) {
        return folder
    }
    let loaded: LoadedDataset
    do {
        switch choice {
        case .mnist:
            loaded = try MNIST.loadOrEmbeddedSample(DatasetLoadOptions(timeout: 10))
        case .mnistSample:
            loaded = try MNIST.embeddedSample()
        case .fashionMNIST:
            loaded = try FashionMNIST.load()
        case .fsdd:
            throw CLIError("fsdd holds recordings; train on it with --model audio-cnn")
        case .directory(let path):
            loaded = try idxDirectoryDataset.load(DatasetLoadOptions(directory: URL(fileURLWithPath: path), allowsDownload: false))
        }
    } catch let error as DatasetError where verbosity != .oneLinePerEpoch {
        switch error {
        case .downloadFailed(_, _, _, let cache), .notFound(_, _, let cache):
            throw CLIError("\(error.brief); put the four files in \(cache) or pass a directory holding them (--verbose 2 shows why each mirror failed)")
        default:
            throw error
        }
    }
    return IdentifiedDataset(loaded, choice: choice)
}

/// Any dataset in a directory with MNIST's four file names (as Fashion-MNIST
/// has too), named after what it holds only once it is loaded.
let idxDirectoryDataset = IDXDataset(
    name: "idx-directory", displayName: "IDX data", trainImages: MNIST.dataset.trainImages,
    trainLabels: MNIST.dataset.trainLabels, testImages: MNIST.dataset.testImages, testLabels: MNIST.dataset.testLabels,
    mirrors: [], classCount: MNIST.dataset.classCount)

/// Images as the model wants them: `[28, 28]` for the MLP, with a channel
/// axis for the convnet.
func trainingSource(_ images: LabeledImages, for model: ModelChoice) -> any BatchSource {
    switch model {
    case .mlp, .snn, .stdp: return images
    case .cnn, .scnn, .audioCNN: return images.withChannelAxis()
    case .gpt, .charLSTM: return images  // never reached: Train sends text models to runTextTraining
    }
}

/// The architecture `choice` names.
func makeModel(_ choice: ModelChoice) throws -> Model {
    switch choice {
    case .mlp: return SimpleNeuralNetwork()
    case .cnn: return Sequential.simpleConvNet()
    case .snn: return try Sequential.spikingMLP()
    case .scnn: return try Sequential.spikingConvNet()
    case .stdp: return Sequential([Flatten(), try WinnerTakeAllSTDP()])
    case .gpt, .charLSTM:
        throw CLIError("the \(choice.rawValue) model trains on text: run `synapse train --model \(choice.rawValue) --dataset tinyshakespeare`")
    case .audioCNN: return Sequential.audioConvNet()
    }
}

/// The optimiser `choice` names, at `learningRate`.
func makeOptimizer(_ choice: OptimizerChoice, learningRate: Float) -> Optimizer {
    switch choice {
    case .adam: return Adam(learningRate: learningRate)
    case .sgd: return SGD(learningRate: learningRate)
    case .rmsprop: return RMSprop(learningRate: learningRate)
    case .adagrad: return Adagrad(learningRate: learningRate)
    case .adamw: return AdamW(learningRate: learningRate)
    }
}

/// A failure to report as one line.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import Foundation
import Synapse

/// Trains the model `options` describe, as the article's program does:
/// load the data, build and compile the model, fit, evaluate, and print the
/// test accuracy. With a save path, the model is saved at the end; with a
/// checkpoint directory, a checkpoint is written after every epoch and on
/// Ctrl-C (which then exits with status 130).
func runTraining(_ options: TrainOptions) throws {
    let checkpointURL = options.checkpointDirectory.map { URL(fileURLWithPath: $0) }
    let monitor = InterruptMonitor(
        onFirstInterrupt: {
            let saving = checkpointURL == nil ? "" : ", saving a checkpoint"
            writeToStandardError("\nInterrupted: finishing the current step\(saving) (Ctrl-C again quits at once)")
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
    let data = try loadDataset(options.dataset)
    print(data.summary)

    let model = try makeModel(options.model)
    model.compile(optimizer: makeOptimizer(options.optimizer, learningRate: Float(options.learningRate)),
                  loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
    let train = trainingSource(data.splits.train, for: options.model)
    let test = trainingSource(data.splits.test, for: options.model)
    try model.build(inputShape: train.inputShape)
    if options.verbosity != .silent { model.summary() }

    if let resumePath = options.resumePath {
        let resumed = try TrainingCheckpoint(contentsOf: URL(fileURLWithPath: resumePath))
        print("Resuming from \(resumed.directory.path): epoch \(resumed.epoch + 1) of \(options.epochs) done, step \(resumed.step)")
    }
    let checkpoint = checkpointURL.map { ModelCheckpoint(directory: $0) }
    let interrupt = InterruptCheckpoint(monitor: monitor, checkpoint: checkpoint) { stop in
        print(interruptionReport(stop))
        exit(130)
    }
    let callbacks: [Callback] = (checkpoint.map { [$0] } ?? []) + [interrupt]

    monitor.quitsOnInterrupt = false
    if let resumePath = options.resumePath {
        try model.fit(train, epochs: options.epochs, batchSize: options.batchSize,
                      validationSplit: options.validationSplit, callbacks: callbacks, verbose: options.verbosity,
                      resumeFrom: URL(fileURLWithPath: resumePath))
    } else {
        try model.fit(train, epochs: options.epochs, batchSize: options.batchSize,
                      validationSplit: options.validationSplit, callbacks: callbacks, verbose: options.verbosity)
    }
    monitor.quitsOnInterrupt = true
    if let failed = checkpoint?.lastError {
        throw CLIError("saving the checkpoint to \(options.checkpointDirectory ?? "") failed: \(failed)")
    }
    if let savePath = options.savePath {
        try model.save(to: URL(fileURLWithPath: savePath))
        print("Saved the model to \(savePath)")
    }
    let result = try model.evaluate(test, batchSize: 1000, verbose: options.verbosity)
    print("Test loss: \(String(format: "%.4f", result.loss))")
    print("Test accuracy: \(String(format: "%.4f", result.accuracy))")
}

/// What Ctrl-C stopped and where the checkpoint is.
func interruptionReport(_ stop: InterruptCheckpoint.Stop) -> String {
    let when = stop.step.map { "during epoch \(stop.epoch + 1), after step \($0)" } ?? "at the end of epoch \(stop.epoch + 1)"
    guard let checkpoint = stop.checkpoint else {
        return "Training interrupted \(when); no checkpoint was written (pass --save or --checkpoint-dir to keep progress)."
    }
    let rerun = stop.step == nil ? "" : "; it reruns epoch \(stop.epoch + 1) from the weights saved after that step"
    return "Training interrupted \(when). Checkpoint saved to \(checkpoint.path)\n"
        + "Continue with: synapse train --resume \(checkpoint.path) (and the same --model, --optimizer and --epochs)\(rerun)."
}

/// Writes `line` and a newline to standard error, unbuffered.
func writeToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// The chosen dataset; MNIST falls back to the embedded sample when the full
/// set cannot be found or downloaded.
func loadDataset(_ choice: DatasetChoice) throws -> LoadedDataset {
    switch choice {
    case .mnist:
        return try MNIST.loadOrEmbeddedSample(DatasetLoadOptions(timeout: 10))
    case .mnistSample:
        return try MNIST.embeddedSample()
    case .fashionMNIST:
        return try FashionMNIST.load()
    case .directory(let path):
        return try MNIST.load(DatasetLoadOptions(directory: URL(fileURLWithPath: path), allowsDownload: false))
    }
}

/// Images as the model wants them: `[28, 28]` for the MLP, with a channel
/// axis for the convnet.
func trainingSource(_ images: LabeledImages, for model: ModelChoice) -> any BatchSource {
    switch model {
    case .mlp: return images
    case .cnn: return images.withChannelAxis()
    }
}

/// The architecture `choice` names.
func makeModel(_ choice: ModelChoice) throws -> Model {
    switch choice {
    case .mlp: return SimpleNeuralNetwork()
    case .cnn: return Sequential.simpleConvNet()
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

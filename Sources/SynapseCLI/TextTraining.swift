import Foundation
import Synapse

/// What `synapse train --model gpt` or `--model char-lstm` was asked to do.
struct TextTrainOptions: Equatable {
    /// The UTF-8 text file to learn.
    var textFile: URL
    /// Which model learns it.
    var model = ModelChoice.gpt
    /// The model's shape: nanoGPT's CPU configuration by default (for the
    /// LSTM, `layers` LSTMs of `width` units).
    var layers = 4, heads = 4, width = 128
    /// Whether the GPT's projections have biases and its normalisations
    /// offsets: not in nanoGPT's Shakespeare configuration (`bias=False`).
    var useBias = false
    /// Iterations, batch size, context, schedule and evaluation.
    var training = LanguageModelTrainingOptions()
    /// Seeds the weights and the window sampler.
    var seed: UInt64 = 0
    /// Where to save the trained model, if anywhere.
    var savePath: String?

    /// Switches to char-rnn's model: 2 LSTMs of 256 units, with windows of
    /// 64 characters in batches of 32 and a peak learning rate of 2e-3.
    mutating func useCharacterLSTM() {
        model = .charLSTM
        layers = 2
        width = 256
        training.batchSize = 32
        training.learningRate = 2e-3
    }
}

/// Finds the text `--dataset` names: `tinyshakespeare` (looked for in
/// `$SYNAPSE_DATA`, `./data` and `../shared/data`) or a path to a text file.
func resolveTextDataset(_ argument: String) throws -> URL {
    guard argument == "tinyshakespeare" else {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw CLIError("--dataset '\(argument)' is neither tinyshakespeare nor a text file; give the path of a UTF-8 text file")
        }
        return URL(fileURLWithPath: argument)
    }
    var roots = ["data", "../shared/data"]
    if let custom = ProcessInfo.processInfo.environment["SYNAPSE_DATA"] { roots.insert(custom, at: 0) }
    let candidates = roots.map { "\($0)/tinyshakespeare/input.txt" }
    guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
        throw CLIError("tinyshakespeare not found (searched \(candidates.joined(separator: ", "))) — download input.txt from "
            + "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt and pass its path to --dataset")
    }
    return URL(fileURLWithPath: found)
}

/// Trains a GPT or a char-lstm on a text file, printing the estimated training and
/// validation losses every `evaluationInterval` iterations, then saves it
/// (with its vocabulary) if asked.
func runTextTraining(_ options: TextTrainOptions) throws {
    let corpus = try TextCorpus(contentsOf: options.textFile)
    try corpus.checkWindows(length: options.training.contextLength)
    print("\(options.textFile.path): \(corpus.training.count) training and \(corpus.validation.count) validation characters, "
        + "vocabulary of \(corpus.vocabulary.count)")
    Synapse.seed(options.seed)
    let model: Model
    if options.model == .charLSTM {
        model = Sequential.characterLSTM(vocabularySize: corpus.vocabulary.count, units: options.width, layers: options.layers)
        try model.build(inputShape: [options.training.contextLength])
        print("char-lstm: \(options.layers) LSTM layers of \(options.width) units, sequences of \(options.training.contextLength), "
            + "\(model.parameterCount) parameters")
    } else {
        model = GPT(vocabularySize: corpus.vocabulary.count, blockSize: options.training.contextLength,
                    layers: options.layers, heads: options.heads, width: options.width, useBias: options.useBias)
        try model.build(inputShape: [options.training.contextLength])
        print("GPT: \(options.layers) layers, \(options.heads) heads, width \(options.width), context \(options.training.contextLength), "
            + "\(options.useBias ? "with" : "no") biases, \(model.parameterCount) parameters")
    }
    var training = options.training
    training.seed = options.seed
    let evaluations = LanguageModelTrainer(options: training).train(model, on: corpus, report: {
        print(String(format: "iter %5d: train loss %.4f, val loss %.4f, %.1fs", $0.iteration, $0.trainingLoss,
                     $0.validationLoss, $0.seconds))
        fflush(nil)
    })
    if let last = evaluations.last, last.iteration > 0 {
        print(String(format: "%.1f ms per iteration", last.seconds * 1000 / Double(last.iteration)))
    }
    let exact = LanguageModelTrainer(options: training).exactLoss(model, on: corpus.validation)
    print(String(format: "validation loss over every %d-character window: %.4f", training.contextLength, exact))
    if let savePath = options.savePath {
        model.metadata.vocabulary = corpus.vocabulary.metadataEntries
        model.metadata.trainingOptions = ["model": options.model.rawValue, "dataset": options.textFile.path]
        try model.save(to: URL(fileURLWithPath: savePath))
        print("Saved the model to \(savePath)")
    }
}

import Foundation
import Synapse

/// The `synapse train --resume …` command that continues a run, with every
/// option spelled out so that it works as printed, from any directory.
struct ResumeCommand {
    /// The run's options.
    let options: TrainOptions
    /// The data it trains on.
    let dataset: DatasetRecord

    /// The command continuing from `checkpoint`, quoted for a POSIX shell.
    func line(checkpoint: String) -> String {
        var words = ["synapse", "train", "--resume", absolute(checkpoint),
                     "--dataset", DatasetChoice(record: dataset).description,
                     "--model", options.model.rawValue,
                     "--optimizer", options.optimizer.rawValue,
                     "--learning-rate", String(options.learningRate),
                     "--batch-size", String(options.batchSize),
                     "--validation-split", String(options.validationSplit),
                     "--epochs", String(options.epochs)]
        if let savePath = options.savePath { words += ["--save", absolute(savePath)] }
        return words.map(shellQuoted).joined(separator: " ")
    }

    private func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}

/// `word` as a POSIX shell reads it back: unchanged when it holds only safe
/// characters, else in single quotes.
func shellQuoted(_ word: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=,+@%")
    if !word.isEmpty, word.allSatisfy(safe.contains) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

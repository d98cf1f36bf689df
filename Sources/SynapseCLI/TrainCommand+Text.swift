import ArgumentParser
import Foundation
import Synapse

/// `synapse train --model gpt`: the options that apply to text models.
extension Train {
    /// Rejects flags a text model cannot use and numbers out of range.
    func validateTextOptions() throws {
        guard resumePath == nil, tensorboardDirectory == nil, plotsDirectory == nil, validationSplit == nil,
              epochs == nil, optimizer == nil else {
            throw ValidationError("--model \(model?.rawValue ?? "gpt") trains for --iterations with AdamW on a 90/10 split; "
                + "--epochs, --optimizer, --validation-split, --resume, --tensorboard and --plots do not apply to it.")
        }
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1 (got \(iterations)).") }
        guard evaluationInterval >= 1 else {
            throw ValidationError("--eval-interval must be at least 1 (got \(evaluationInterval)).")
        }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1 (got \(batchSize)).") }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw ValidationError("--learning-rate must be a positive number (got \(learningRate)).")
        }
    }

    /// The text-training options, with nanoGPT's CPU configuration where no flag says otherwise.
    func makeTextOptions() throws -> TextTrainOptions {
        try validateTextOptions()
        var options = TextTrainOptions(textFile: try resolveTextDataset(dataset?.description ?? "tinyshakespeare"))
        if model == .charLSTM { options.useCharacterLSTM() }
        options.training.iterations = iterations
        options.training.evaluationInterval = evaluationInterval
        if let batchSize { options.training.batchSize = batchSize }
        if let learningRate { options.training.learningRate = Float(learningRate) }
        options.seed = seed
        options.savePath = savePath
        options.useBias = bias
        return options
    }
}

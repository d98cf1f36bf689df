import ArgumentParser
import Foundation
import Synapse

/// `synapse generate`: continues a prompt with a trained text model,
/// streaming the text as it is sampled.
struct Generate: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        abstract: "Write text with a model trained by `synapse train --model gpt` or `--model char-lstm`, printing each character as it is sampled.",
        discussion: """
            Each new character costs one step of the model: a key/value cache \
            keeps what the earlier characters computed (for the GPT), or the \
            LSTM's states carry them (for char-lstm). The prompt may hold \
            only characters of the training text, and for the GPT at most the \
            model's context length of them.
            """
    )

    @Argument(help: ArgumentHelp("The model directory written by `synapse train --model gpt --save` (or --model char-lstm).", valueName: "model"))
    var modelPath: String

    @Option(help: "The text to continue. (default: a newline)")
    var prompt: String = "\n"

    @Option(parsing: .unconditional, help: ArgumentHelp("How many characters to write, at least 0.", valueName: "n"))
    var tokens: Int = 500

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Divides the logits before sampling: below 1 is more conservative, above 1 more varied; positive.",
        valueName: "t"))
    var temperature: Double = 0.8

    @Option(name: .customLong("top-k"), parsing: .unconditional, help: ArgumentHelp(
        "Sample only among the k most likely characters, at least 1.", valueName: "k"))
    var topK: Int = 200

    @Option(parsing: .unconditional, help: "Seeds the sampling; the same seed repeats the text. A whole number from 0 to 2^64-1.",
            transform: parseSeed)
    var seed: UInt64 = 0

    /// Rejects out-of-range numbers before the model is loaded.
    func validate() throws {
        guard tokens >= 0 else { throw ValidationError("--tokens must be at least 0 (got \(tokens)).") }
        guard temperature > 0, temperature.isFinite else {
            throw ValidationError("--temperature must be a positive number (got \(temperature)).")
        }
        guard topK >= 1 else { throw ValidationError("--top-k must be at least 1 (got \(topK)).") }
    }

    /// Loads the model and streams the text to standard output.
    func run() throws {
        try reportingFailures {
            let loaded = try loadModel(at: modelPath)
            var sampler = TokenSampler(temperature: Float(temperature), topK: topK, seed: seed)
            let output = FileHandle.standardOutput
            let emit = { (piece: String) in output.write(Data(piece.utf8)) }
            // A bad prompt fails before anything is printed.
            if let gpt = loaded as? GPT {
                let generator = try TextGenerator(model: gpt)
                _ = try generator.encodePrompt(prompt)
                emit(prompt)
                try generator.generate(prompt: prompt, tokens: tokens, sampler: &sampler, emit: emit)
            } else if let chain = loaded as? Sequential, chain.layers.contains(where: { $0 is RecurrentLayer }) {
                let generator = try RecurrentTextGenerator(model: chain)
                _ = try generator.encodePrompt(prompt)
                emit(prompt)
                try generator.generate(prompt: prompt, tokens: tokens, sampler: &sampler, emit: emit)
            } else {
                throw CLIError("\(modelPath) is not a text model; `synapse generate` needs one trained with "
                    + "`synapse train --model gpt` or `--model char-lstm`")
            }
            emit("\n")
        }
    }
}

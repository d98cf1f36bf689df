import ArgumentParser
import Synapse

/// The `synapse` command-line tool: its root command, which lists the
/// subcommands and prints help when run alone.
public struct SynapseCommand: ParsableCommand {
    /// The tool's name, summary, version and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "synapse",
        abstract: "Synapse: neural networks in Swift, as easy as Keras and at native speed.",
        discussion: """
            Synapse builds, trains and evaluates neural networks on the CPU. \
            `synapse train` with no options trains the default model, a small \
            multilayer perceptron, on MNIST handwritten digits for 10 epochs \
            with Adam, printing Keras-style progress and the final accuracy.

            `synapse train --save model.synapse` also saves the model (and \
            resumable checkpoints); `synapse evaluate`, `predict`, `summary` \
            and `export` then work on the saved model.

            Run `synapse help <subcommand>` to see its options.
            """,
        version: Synapse.version,
        subcommands: [Train.self, Evaluate.self, Predict.self, Explain.self, Generate.self, Summary.self, Export.self, Plot.self,
                      Report.self, Audit.self]
    )

    /// Creates the command with no options; ArgumentParser fills it in.
    public init() {}
}

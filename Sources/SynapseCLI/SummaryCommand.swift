import ArgumentParser
import Synapse

/// `synapse summary`: a saved model's layers, shapes and parameter counts.
struct Summary: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        abstract: "Print a saved model's layers, output shapes and parameter counts, as Keras's model.summary()."
    )

    @Argument(help: ArgumentHelp("The model directory written by `synapse train --save`.", valueName: "model"))
    var modelPath: String

    /// Loads the model and prints its summary.
    func run() throws {
        try reportingFailures {
            print(try loadModel(at: modelPath).summaryText(), terminator: "")
        }
    }
}

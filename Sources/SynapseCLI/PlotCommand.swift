import ArgumentParser
import Foundation
import Synapse

/// `synapse plot`: draws a run's curves (and, for a saved model, its
/// confusion matrix and misclassified test images) as PNG and SVG.
struct Plot: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        abstract: "Draw a training run: loss and accuracy curves, the confusion matrix and misclassified images.",
        discussion: """
            RUN is a model directory written by `synapse train --save` (its \
            training history is kept in metadata.json) or a training log in \
            CSV, as Keras's CSVLogger and Synapse's write it. For a model, the \
            confusion matrix and the misclassified images come from the test \
            split of the data it was trained on (or of --dataset).
            """
    )

    @Argument(help: ArgumentHelp("A model directory, or a CSV training log.", valueName: "run"))
    var runPath: String

    @Option(name: .customLong("out"), help: ArgumentHelp("The directory to write the pictures into (created if missing).", valueName: "directory"))
    var outputDirectory: String

    @Option(help: ArgumentHelp(
        "For a model: the test data (default: the data it was trained on).",
        valueName: "mnist|mnist-sample|fashion-mnist|directory"))
    var dataset: DatasetChoice?

    /// Draws and lists the files written.
    func run() throws {
        try reportingFailures {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: runPath, isDirectory: &isDirectory) else {
                throw CLIError("\(runPath) does not exist; pass a model directory or a CSV training log")
            }
            let written: [URL]
            if isDirectory.boolValue {
                let model = try loadModel(at: runPath)
                let data = try loadDataset(dataset, orTheDataOf: model)
                if model.metadata.history == nil {
                    writeToStandardError("note: \(runPath) has no training history (it was saved without one); drawing the test results only")
                }
                written = try writeRunPictures(history: model.metadata.history, results: try TestResults(model, on: data.loaded.splits.test),
                                               to: URL(fileURLWithPath: outputDirectory))
            } else {
                let history = try History(csvContentsOf: URL(fileURLWithPath: runPath))
                written = try writeRunPictures(history: history, results: nil, to: URL(fileURLWithPath: outputDirectory))
            }
            for url in written { print(url.path) }
        }
    }
}

import ArgumentParser
import Foundation
import Synapse

/// `synapse report`: one self-contained HTML page about a saved model.
struct Report: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        abstract: "Write an HTML report of a saved model: summary, curves, confusion matrix, per-class scores, mistakes.",
        discussion: """
            The page is one file with its pictures embedded: it opens \
            without a network, on a phone or a laptop. The test results \
            come from the test split of the data the model was trained on \
            (or of --dataset); the curves from the history `synapse train` \
            keeps with the model.
            """
    )

    @Argument(help: ArgumentHelp("The model directory written by `synapse train --save`.", valueName: "model"))
    var modelPath: String

    @Option(help: ArgumentHelp("The test data (default: the data the model was trained on).",
                               valueName: "mnist|mnist-sample|fashion-mnist|directory"))
    var dataset: DatasetChoice?

    @Option(name: .customLong("out"), help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var outputPath = "report.html"

    @Option(help: ArgumentHelp("How many test images to explain with saliency and integrated gradients (0 for none).",
                               valueName: "n"))
    var explain = 6

    /// Evaluates the model and writes the page.
    func run() throws {
        try reportingFailures {
            let model = try loadModel(at: modelPath)
            let data = try loadDataset(dataset, orTheDataOf: model)
            let results = try TestResults(model, on: data.loaded.splits.test)
            var facts = [(name: "model", value: modelPath), (name: "test data", value: data.record.spelledOut)]
            for (name, value) in (model.metadata.trainingOptions ?? [:]).sorted(by: { $0.key < $1.key }) {
                facts.append((name: name, value: value))
            }
            let report = TrainingReport(title: "Synapse report: \(URL(fileURLWithPath: modelPath).lastPathComponent)",
                                        modelSummary: model.summaryText(), history: model.metadata.history,
                                        confusion: results.matrix, classNames: results.classNames,
                                        misclassified: results.misclassified(),
                                        figures: try attributionFigures(model, results: results), facts: facts)
            try report.write(to: URL(fileURLWithPath: outputPath))
            print("Wrote \(outputPath) (test accuracy \(String(format: "%.4f", results.matrix.result)))")
        }
    }

    /// The first `explain` test images with their saliency and integrated
    /// gradients maps, as `synapse explain` draws them.
    private func attributionFigures(_ model: Model, results: TestResults) throws -> [(title: String, image: RGBImage)] {
        let count = min(explain, results.labels.count)
        guard count > 0 else { return [] }
        let inputs = results.inputs[0 ..< count]
        let captions = results.predictions.prefix(count).map {
            "\($0.labelText(classNames: results.classNames)) \(String(format: "%.2f", $0.probability))"
        }
        let pictures = ExplanationPictures(inputs: inputs, captions: captions, methods: [
            .init(name: "saliency", attributions: try model.attributions(for: inputs, method: Saliency()), isSigned: false),
            .init(name: "integrated gradients", attributions: try model.attributions(for: inputs, method: IntegratedGradients()),
                  isSigned: true),
        ])
        return [(title: "Why it answered so: saliency and integrated gradients", image: try pictures.grid())]
    }
}

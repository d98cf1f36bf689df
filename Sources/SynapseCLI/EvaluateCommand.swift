import ArgumentParser
import Foundation
import Synapse

/// `synapse evaluate`: a saved model's loss, accuracy and confusion matrix
/// on a dataset's test images.
struct Evaluate: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        abstract: "Report a saved model's loss, accuracy and confusion matrix on a test set.",
        discussion: """
            Runs the model on the test split of the dataset it was trained \
            on (or of --dataset) and prints the \
            mean loss (the model's compiled loss; sparse categorical \
            cross-entropy if it was saved uncompiled), the accuracy, and the \
            confusion matrix: row i, column j counts images of class i \
            predicted as class j.
            """
    )

    @Argument(help: ArgumentHelp("The model directory written by `synapse train --save`.", valueName: "model"))
    var modelPath: String

    @Option(help: ArgumentHelp(
        "The test data: mnist, mnist-sample (the 1,000 test images built in), fashion-mnist, or a directory holding IDX files. (default: the data the model was trained on, as recorded in the model; mnist for a model without a record)",
        valueName: "mnist|mnist-sample|fashion-mnist|directory"))
    var dataset: DatasetChoice?

    @Option(parsing: .unconditional, help: "How many images to run through the model at once (at least 1).")
    var batchSize = 1000

    /// Rejects a bad batch size or a missing dataset directory before anything runs.
    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize)).") }
        try requireExistingDirectory(dataset)
    }

    /// Evaluates and prints the report.
    func run() throws {
        try reportingFailures {
            let model = try loadModel(at: modelPath)
            let data = try loadDataset(dataset, orTheDataOf: model)
            print(data.loaded.summary)
            if let trainedOn = model.metadata.dataset, !trainedOn.isSameData(as: data.record) {
                writeToStandardError("note: \(modelPath) was trained on \(trainedOn.spelledOut); evaluating on \(data.record.spelledOut)")
            }
            print(try evaluationReport(model, on: data.loaded.splits.test, batchSize: batchSize))
        }
    }
}

/// Throws a `ValidationError` when `dataset` names a directory that is not there.
func requireExistingDirectory(_ dataset: DatasetChoice?) throws {
    guard case .directory(let path)? = dataset else { return }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ValidationError("--dataset '\(path)' is neither mnist, mnist-sample, fashion-mnist nor an existing directory.")
    }
}

/// Loss, accuracy and confusion matrix of `model` on `images`, as printed
/// by `synapse evaluate`.
func evaluationReport(_ model: Model, on images: LabeledImages, batchSize: Int) throws -> String {
    let inputs = try modelInputs(images.imageTensor, for: model, source: "the dataset")
    let targets = images.labelTensor
    try requireMatchingPreprocessing(model)
    let outputs = try model.predict(inputs, batchSize: batchSize)
    try requireFiniteOutputs(outputs)
    let predictions = model.classScores(from: outputs)
    guard predictions.rank == 2, predictions.shape[1] == images.classCount else {
        throw CLIError("the model outputs shape \(Array(predictions.shape.dropFirst())) per image, but the dataset has \(images.classCount) classes; evaluate needs one score per class")
    }
    let loss = model.compiled?.loss ?? .sparseCategoricalCrossentropy
    let lossValue = loss(predictions: outputs, targets: targets).scalar
    let matrix = ConfusionMatrix(classes: images.classCount)
    matrix.update(predictions: predictions, targets: targets)
    let costs = spikingCostReport(model, inputs: inputs).map { "\n" + $0 } ?? ""
    return """
        Loss: \(String(format: "%.4f", lossValue)) (\(loss.name))
        Accuracy: \(String(format: "%.4f", matrix.result)) (\(matrix.correct) of \(matrix.total))
        Confusion matrix (rows: true class, columns: predicted class):
        \(matrix)\(costs)
        """
}

/// For a spiking model (one whose outputs have a time axis), its synaptic
/// operations per image beside the equivalent dense network's MACs,
/// measured on the first 200 of `inputs`; nil for other models.
func spikingCostReport(_ model: Model, inputs: Tensor) -> String? {
    guard let network = model as? Sequential, network.layers.contains(where: { $0 is Leaky }) else { return nil }
    let sample = inputs.slice(alongAxis: 0, 0 ..< min(200, inputs.shape[0]))
    return SynapticOperations(model: network, inputs: sample).description
}

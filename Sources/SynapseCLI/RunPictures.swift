import Foundation
import Synapse

/// What a trained classifier did on a test set: its predictions, the
/// confusion matrix and the inputs, for the pictures and the report.
struct TestResults {
    /// The test images as the model takes them.
    let inputs: Tensor
    /// The true class of each image.
    let labels: [Int]
    /// The model's answer for each image.
    let predictions: [ClassPrediction]
    /// Counts of true (row) against predicted (column) classes.
    let matrix: ConfusionMatrix
    /// Class names, when the model or data has them.
    let classNames: [String]?

    /// Runs `model` on `images`.
    init(_ model: Model, on images: LabeledImages) throws {
        try requireMatchingPreprocessing(model)
        inputs = try modelInputs(images.imageTensor, for: model, source: "the dataset")
        let scores = try model.predict(inputs, batchSize: 1000)
        try requireFiniteOutputs(scores)
        guard scores.rank == 2, scores.shape[1] == images.classCount else {
            throw CLIError("the model outputs shape \(Array(scores.shape.dropFirst())) per image, but the dataset has \(images.classCount) classes")
        }
        labels = images.labels.map(Int.init)
        predictions = ClassPrediction.rows(of: scores)
        matrix = ConfusionMatrix(classes: images.classCount)
        matrix.update(predictions: scores, targets: images.labelTensor)
        classNames = model.classNames
    }

    /// The confusion matrix as a picture.
    var matrixPlot: ConfusionMatrixPlot { ConfusionMatrixPlot(matrix, classNames: classNames) }

    /// Up to `limit` misclassified images with their true and predicted classes.
    func misclassified(limit: Int = 32) -> ExampleGrid {
        ExampleGrid.misclassified(inputs: inputs, labels: labels, predictions: predictions, classNames: classNames, limit: limit)
    }
}

/// Writes a run's pictures into `directory`: the training curves (when
/// there is a history), and with test results the confusion matrix (PNG and
/// SVG) and the misclassified examples. Returns the files written.
@discardableResult
func writeRunPictures(history: History?, results: TestResults?, to directory: URL) throws -> [URL] {
    var written = try history.map { try TrainingPlots.write($0, to: directory) } ?? []
    guard let results else { return written }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let matrixPNG = directory.appendingPathComponent("confusion_matrix.png")
    let matrixSVG = directory.appendingPathComponent("confusion_matrix.svg")
    let grid = directory.appendingPathComponent("misclassified.png")
    try results.matrixPlot.image().writePNG(to: matrixPNG)
    try Data(results.matrixPlot.svg().utf8).write(to: matrixSVG, options: .atomic)
    try results.misclassified().image().writePNG(to: grid)
    written += [matrixPNG, matrixSVG, grid]
    return written
}

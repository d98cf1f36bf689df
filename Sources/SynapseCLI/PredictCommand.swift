import ArgumentParser
import Foundation
import Synapse

/// `synapse predict`: the class a saved model gives each image.
struct Predict: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        abstract: "Classify images with a saved model.",
        discussion: """
            IMAGE is an IDX file (every image in it, as MNIST is distributed; \
            gzip-compressed or not), a PGM (P2 or P5) or PNG file, or a folder \
            of such files. Images must be 28×28 (the size the model was \
            trained on), white on black like MNIST; colour PNGs are converted \
            to grey. Prints one line per image: its name, the predicted class \
            and that class's probability. For a model trained on recordings \
            (--model audio-cnn), give a WAV file or a folder of them instead; \
            a recording at another sample rate is resampled, with a note.
            """
    )

    @Argument(help: ArgumentHelp("The model directory written by `synapse train --save`.", valueName: "model"))
    var modelPath: String

    @Argument(help: ArgumentHelp("An IDX, PGM or PNG file, or a folder of them.", valueName: "image"))
    var imagePath: String

    @Option(help: ArgumentHelp(
        "Print these class names: mnist (the digits) or fashion-mnist (T-shirt/top, Trouser, …). (default: the class names recorded in the model, if any)",
        valueName: "mnist|fashion-mnist"))
    var classNames: ClassNames?

    /// Predicts and prints one line per image.
    func run() throws {
        try reportingFailures {
            let model = try loadModel(at: modelPath)
            let names = classNames?.names ?? model.classNames
            if let features = model.metadata.audioFeatures {
                for line in try audioPredictionLines(model, features: features, at: imagePath, classNames: names) { print(line) }
                return
            }
            for line in try predictionLines(model, images: fittedToModel(try predictionImages(at: imagePath), model: model), classNames: names) {
                print(line)
            }
        }
    }
}

/// The label sets `--class-names` knows.
enum ClassNames: String, CaseIterable, ExpressibleByArgument {
    /// The digits 0–9.
    case mnist
    /// Fashion-MNIST's ten clothing classes.
    case fashionMNIST = "fashion-mnist"

    /// The class names, indexed by label.
    var names: [String] {
        switch self {
        case .mnist: return MNIST.classNames
        case .fashionMNIST: return FashionMNIST.classNames
        }
    }
}

/// `name: class (probability p)` for each image.
///
/// Every image must have the model's size; `classNames` (indexed by label)
/// name the predicted classes. Outputs that are already
/// probabilities (each row in [0, 1] and summing to 1, as after softmax)
/// are reported as they are; other scores (logits) go through softmax first.
func predictionLines(_ model: Model, images: [NamedImage], classNames: [String]? = nil) throws -> [String] {
    guard let inputShape = model.inputShape else { throw CLIError("the model has no input shape; was it saved after being built?") }
    let pixels = inputShape.reduce(1, *)
    let expected = inputShape.count >= 2 ? (height: inputShape[0], width: inputShape[1]) : nil
    for named in images {
        let image = named.image
        let fits = expected.map { image.height == $0.height && image.width == $0.width } ?? (image.height * image.width == pixels)
        guard fits else {
            let wanted = expected.map { "\($0.width)×\($0.height)" } ?? "\(pixels) pixels"
            throw CLIError("\(named.name) is \(image.width)×\(image.height) pixels; the model takes \(wanted) greyscale images. Resize it to \(wanted) first")
        }
    }
    guard let first = images.first else { return [] }
    let batch = concatenate(images.map { $0.image.tensor().reshaped(to: [1, $0.image.height, $0.image.width]) }, alongAxis: 0)
    try requireMatchingPreprocessing(model)
    let outputs = try model.predict(try modelInputs(batch, for: model, source: first.name), batchSize: 256)
    try requireFiniteOutputs(outputs)
    let scores = model.classScores(from: outputs)
    guard scores.rank == 2 else {
        throw CLIError("the model outputs shape \(Array(scores.shape.dropFirst())) per image; predict needs one score per class")
    }
    return zip(images, ClassPrediction.rows(of: scores)).map { named, prediction in
        "\(named.name): \(prediction.labelText(classNames: classNames)) (probability \(String(format: "%.4f", prediction.probability)))"
    }
}

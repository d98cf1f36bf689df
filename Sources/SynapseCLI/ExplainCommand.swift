import ArgumentParser
import Foundation
import Synapse

/// `synapse explain`: which pixels made a saved model decide what it did.
struct Explain: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        abstract: "Show which pixels a saved model's decision rests on (attribution maps).",
        discussion: """
            INPUT is what `synapse predict` takes: an IDX, PGM or PNG file, or \
            a folder of them. For each input it prints the predicted class, its \
            probability and, for integrated gradients, the convergence delta \
            (how far the attributions miss F(input) − F(baseline); small is good). \
            It writes into --out, per input and method, a heat map \
            (N-METHOD.png) and the map over the input (N-METHOD-overlay.png), \
            and grid.png: one row per input with the prediction and one map per \
            method. Signed maps are blue (against the class) to red (for it); \
            absolute maps are dark to bright. Scores are the class's logits.
            """
    )

    @Argument(help: ArgumentHelp("The model directory written by `synapse train --save`.", valueName: "model"))
    var modelPath: String

    @Argument(help: ArgumentHelp("IDX, PGM or PNG files, or folders of them.", valueName: "input"))
    var inputPaths: [String] = []

    @Option(name: .customLong("method"), help: ArgumentHelp(
        "An attribution method; repeat for several. (default: saliency, ig, smoothgrad, occlusion, and gradcam for a convnet)",
        valueName: ExplainMethodChoice.allCases.map(\.rawValue).joined(separator: "|")))
    var methods: [ExplainMethodChoice] = []

    @Option(name: .customLong("class"), help: "Explain this class for every input. (default: the predicted class)")
    var classIndex: Int?

    @Option(help: "Integrated gradients' number of steps (Gauss–Legendre).")
    var steps = 50

    @Option(help: ArgumentHelp("Integrated gradients' baseline: zeros, blur (the input blurred), or an image file.",
                               valueName: "zeros|blur|file"))
    var baseline: BaselineChoice = .zeros

    @Option(help: "Grad-CAM's layer, by property path (e.g. conv2d_1). (default: the last convolution)")
    var layer: String?

    @Option(help: "The folder the pictures are written to.")
    var out = "explanations"

    @Option(help: "Explain the first N test images of --dataset (or of the model's own data).")
    var grid: Int?

    @Option(help: ArgumentHelp("The data --grid takes test images from: mnist, mnist-sample, fashion-mnist or a directory. (default: the data the model was trained on)",
                               valueName: "mnist|mnist-sample|fashion-mnist|directory"))
    var dataset: DatasetChoice?

    @Flag(help: "Also run the sanity checks: cascading model randomization and deletion/insertion, per method.")
    var sanityCheck = false

    @Option(help: ArgumentHelp("Write the attribution tensors to this safetensors file ('attributions' for the first method, 'attributions.METHOD' for each).",
                               valueName: "file.safetensors"))
    var raw: String?

    @Option(help: "How many examples (or integration points) run through the model at once.")
    var batchSize = 256

    func validate() throws {
        guard !inputPaths.isEmpty || grid != nil else {
            throw ValidationError("give an input (an image file or folder) or --grid N")
        }
        if let grid, grid < 1 { throw ValidationError("--grid must be at least 1 (got \(grid)).") }
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1 (got \(steps)).") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize)).") }
    }

    /// Explains the inputs, prints one line per input and writes the pictures.
    func run() throws {
        try reportingFailures {
            let model = try loadModel(at: modelPath)
            try requireMatchingPreprocessing(model)
            let named = try explainedImages(model)
            let inputs = try modelInputs(stackedImages(named.map(\.image)), for: model, source: named[0].name)
            let score = ClassScore(model: model, maximumBatchSize: batchSize)
            let classes = try score.resolve(classIndex.map { .index($0) } ?? .predicted, for: inputs)
            let predictions = ClassPrediction.rows(of: score.outputs(inputs))
            let chosen = try chosenMethods(model)
            let baselineTensor = try baselineInputs(for: inputs, model: model)
            var results: [(choice: ExplainMethodChoice, attributions: Tensor)] = []
            var deltas: [Float]?
            for choice in chosen {
                let method = choice.method(steps: steps, baseline: baselineTensor, layer: layer)
                if let ig = method as? IntegratedGradients {
                    let (attributions, found) = try ig.attributionsWithDelta(for: inputs, classes: classes, score: score)
                    results.append((choice, attributions))
                    deltas = found
                } else {
                    results.append((choice, try method.attributions(for: inputs, classes: classes, score: score)))
                }
            }
            let names = model.classNames
            for (index, image) in named.enumerated() {
                let prediction = predictions[index]
                var line = "\(image.name): \(prediction.labelText(classNames: names)) (probability \(String(format: "%.4f", prediction.probability)))"
                if classIndex != nil { line += ", explaining class \(classes[index])" }
                if let deltas { line += ", IG delta \(String(format: "%.2e", deltas[index]))" }
                print(line)
            }
            let folder = URL(fileURLWithPath: out)
            let captions = zip(predictions, classes).map { prediction, explained in
                "\(explained) \(String(format: "%.2f", prediction.probabilities[explained]))"
            }
            try ExplanationPictures(inputs: inputs, captions: captions, methods: results.map {
                ExplanationPictures.MethodMaps(name: $0.choice.rawValue, attributions: $0.attributions, isSigned: $0.choice.isSigned)
            }).write(to: folder)
            print("Wrote \(results.count * named.count * 2 + 1) pictures to \(folder.path) (grid.png and N-METHOD[-overlay].png)")
            if let raw {
                var tensors = results.map { (name: "attributions.\($0.choice.rawValue)", tensor: $0.attributions) }
                tensors.insert((name: "attributions", tensor: results[0].attributions), at: 0)
                try SafetensorsFile(tensors: tensors, metadata: ["methods": results.map(\.choice.rawValue).joined(separator: ",")])
                    .write(to: URL(fileURLWithPath: raw))
                print("Wrote the attributions to \(raw)")
            }
            if sanityCheck {
                let methods = chosen.map { $0.method(steps: steps, baseline: baselineTensor, layer: layer) }
                print(try sanityReport(methods: methods, results: results.map(\.attributions), inputs: inputs,
                                       classes: classes, score: score))
            }
        }
    }

    /// The images named on the command line, then the first --grid test images.
    private func explainedImages(_ model: Model) throws -> [NamedImage] {
        var images = try inputPaths.flatMap { try predictionImages(at: $0) }
        if let grid {
            let data = try loadDataset(dataset ?? model.metadata.dataset.map(DatasetChoice.init(record:)) ?? .mnist,
                                       verbosity: .silent)
            let test = data.loaded.splits.test
            for index in 0..<min(grid, test.count) {
                let pixels = Array(test.images[(index * test.pixelsPerImage)..<((index + 1) * test.pixelsPerImage)])
                images.append(NamedImage(name: "test[\(index)]",
                                         image: GreyscaleImage(width: test.width, height: test.height, pixels: pixels)))
            }
        }
        guard !images.isEmpty else { throw CLIError("no images to explain") }
        return images
    }

    /// The methods asked for, or the defaults that fit the model.
    private func chosenMethods(_ model: Model) throws -> [ExplainMethodChoice] {
        let hasConvolution = (try? GradCAM.defaultLayer(in: model)) != nil
        if methods.isEmpty {
            return hasConvolution ? [.saliency, .ig, .smoothgrad, .gradcam, .occlusion] : [.saliency, .ig, .smoothgrad, .occlusion]
        }
        return methods
    }

    /// The baseline --baseline names, for these inputs.
    private func baselineInputs(for inputs: Tensor, model: Model) throws -> Tensor? {
        switch baseline {
        case .zeros: return nil
        case .blur: return try BlurredBaseline.make(from: inputs)
        case .file(let path):
            guard let image = try predictionImages(at: path).first else { throw CLIError("\(path) holds no image") }
            return try modelInputs(stackedImages([image.image]), for: model, source: path)[0..<1]
                .reshaped(to: Array(inputs.shape.dropFirst()))
        }
    }
}

/// `[N, h, w]` pixels in [0, 1] from greyscale images of one size.
func stackedImages(_ images: [GreyscaleImage]) -> Tensor {
    concatenate(images.map { $0.tensor().reshaped(to: [1, $0.height, $0.width]) }, alongAxis: 0)
}

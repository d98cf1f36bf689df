import Foundation
import Synapse

/// Trains `--model stdp`: each epoch shows every training image once to
/// the network's `WinnerTakeAllSTDP` layer, which learns without labels;
/// then every neuron is labelled with the class it fires most for, and its
/// receptive fields are drawn to `receptiveFields`.
func learnByPlasticity(_ model: Model, on images: LabeledImages, epochs: Int, seed: UInt64, receptiveFields: URL) throws {
    guard let network = model as? Sequential, let layer = network.layers.last as? WinnerTakeAllSTDP else {
        throw CLIError("--model stdp needs a Sequential ending in WinnerTakeAllSTDP")
    }
    let pixels = images.imageTensor.reshaped(to: [images.count, -1])
    var generator = SeededGenerator(seed: seed)
    for epoch in 0..<epochs {
        let started = Date()
        let spikes = layer.learn(pixels, generator: &generator)
        print("Epoch \(epoch + 1)/\(epochs) - \(String(format: "%.1f", Date().timeIntervalSince(started)))s"
              + " - \(String(format: "%.2f", spikes)) spikes per image (STDP, no labels)")
    }
    let started = Date()
    layer.assignLabels(pixels, labels: images.labelTensor)
    print("Labelled the neurons by their most frequent class in \(String(format: "%.1f", Date().timeIntervalSince(started)))s")
    try layer.receptiveFields(imageWidth: 28).writePNG(to: receptiveFields)
    print("Wrote the receptive fields to \(receptiveFields.path)")
}

/// Where `--model stdp` draws its receptive fields: beside the saved model, or here.
func receptiveFieldsPath(savePath: String?) -> URL {
    URL(fileURLWithPath: savePath.map { $0 + ".receptive-fields.png" } ?? "stdp-receptive-fields.png")
}

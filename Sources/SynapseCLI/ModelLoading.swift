import Foundation
import Synapse

/// Loads a model directory written by `synapse train --save` or
/// `Model.save(to:)`, knowing the CLI's own subclassed model.
func loadModel(at path: String) throws -> Model {
    ModelRegistry.register(SimpleNeuralNetwork.self) { SimpleNeuralNetwork() }
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
        throw CLIError("\(path) is a file; a model is a directory written by `synapse train --save` (e.g. model.synapse)")
    }
    return try Model.load(from: url)
}

/// `images` (`[count, height, width]`, pixels in [0, 1]) in the shape the
/// model takes, e.g. `[count, 28, 28, 1]` for a convnet, or an error
/// naming `source` when the sizes cannot match.
func modelInputs(_ images: Tensor, for model: Model, source: String) throws -> Tensor {
    guard let inputShape = model.inputShape else {
        throw CLIError("the model has no input shape; was it saved after being built?")
    }
    let perImage = images.shape.dropFirst().reduce(1, *)
    guard inputShape.reduce(1, *) == perImage else {
        let size = images.shape.dropFirst().map(String.init).joined(separator: "×")
        throw CLIError("\(source): images are \(size) pixels, but the model takes inputs of shape \(inputShape)")
    }
    return images.reshaped(to: [images.shape[0]] + inputShape)
}

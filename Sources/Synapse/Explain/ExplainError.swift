/// Why an attribution or an explanation could not be computed. Each case
/// says what was wrong and what to do instead.
public enum ExplainError: Error, Equatable, CustomStringConvertible {
    /// Grad-CAM was asked for a layer path the model does not have.
    case unknownLayer(path: String, available: [String])
    /// Grad-CAM needs a convolution and the model has none.
    case noConvolution(model: String)
    /// The target layer ran but its output is not an image batch `[N, h, w, channels]`.
    case layerOutputNotSpatial(path: String, shape: [Int])
    /// The target layer is not called by the model's forward pass.
    case layerNotCalled(path: String)
    /// A class index outside the model's outputs.
    case classOutOfRange(classIndex: Int, classCount: Int)
    /// As many target classes as inputs are needed.
    case targetCount(expected: Int, got: Int)
    /// A baseline that is neither the inputs' shape nor one example's shape.
    case baselineShape(expected: [Int], got: [Int])
    /// A method that slides over images got inputs that are not images.
    case notAnImage(method: String, exampleShape: [Int])
    /// The model's output is not `[batch, classes]`.
    case outputNotClassScores(shape: [Int])
    /// An argument outside its allowed range.
    case invalidArgument(name: String, value: String, expected: String)

    /// What happened, and what to do about it.
    public var description: String {
        switch self {
        case let .unknownLayer(path, available):
            return "Grad-CAM: the model has no layer at '\(path)'; name one of: \(available.joined(separator: ", "))"
        case let .noConvolution(model):
            return "Grad-CAM: model '\(model)' has no convolution layer; use saliency, integrated gradients or occlusion instead"
        case let .layerOutputNotSpatial(path, shape):
            return "Grad-CAM: layer '\(path)' outputs shape \(shape), not [batch, height, width, channels]; name a convolution or pooling layer"
        case let .layerNotCalled(path):
            return "Grad-CAM: layer '\(path)' is never called by the model's forward pass; name a layer the model uses"
        case let .classOutOfRange(classIndex, classCount):
            return "class \(classIndex) is out of range: the model has \(classCount) classes (0 to \(classCount - 1))"
        case let .targetCount(expected, got):
            return "\(got) target classes were given for \(expected) inputs; give one per input, or one for all"
        case let .baselineShape(expected, got):
            return "the baseline has shape \(got); it must have the inputs' shape \(expected) or one example's shape \(Array(expected.dropFirst()))"
        case let .notAnImage(method, exampleShape):
            return "\(method) needs images ([height, width] or [height, width, channels] per example), got examples of shape \(exampleShape)"
        case let .outputNotClassScores(shape):
            return "the model's output has shape \(shape); attributions need [batch, classes]"
        case let .invalidArgument(name, value, expected):
            return "\(name) = \(value) is invalid: expected \(expected)"
        }
    }
}

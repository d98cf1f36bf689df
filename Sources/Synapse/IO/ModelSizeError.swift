/// Why a model read from a file was not built: it is larger than its
/// `ModelSizeLimits` allow.
public enum ModelSizeError: Error, CustomStringConvertible, Equatable {
    /// A layer's input or output would hold more values per example than allowed.
    case activationTooLarge(layer: String, shape: [Int], limit: Int)
    /// The model's parameters, up to and including `layer`, pass the limit.
    case tooManyParameters(layer: String, limit: Int)

    /// A one-line explanation with what to do.
    public var description: String {
        switch self {
        case let .activationTooLarge(layer, shape, limit):
            return "layer '\(layer)' would work on examples of shape \(shape), more than \(limit) values or a size that is not positive; check the configuration, or raise ModelSizeLimits.maximumActivationCount if the model is meant to be this large"
        case let .tooManyParameters(layer, limit):
            return "the parameters up to layer '\(layer)' number more than \(limit); check the configuration, or raise ModelSizeLimits.maximumParameterCount if the model is meant to be this large"
        }
    }
}

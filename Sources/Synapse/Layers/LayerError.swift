/// Why a layer or model could not be built or used.
public enum LayerError: Error, CustomStringConvertible, Equatable {
    /// A layer cannot accept inputs of this per-example shape.
    case incompatibleInput(layer: String, inputShape: [Int], reason: String)
    /// A model was used before it knows its input shape.
    case notBuilt(model: String, hint: String)
    /// A model was trained or evaluated before `compile` was called.
    case notCompiled(model: String)
    /// Inputs and targets (or other arrays) disagree.
    case mismatchedData(String)

    /// A one-line explanation that names the layer and what to do.
    public var description: String {
        switch self {
        case let .incompatibleInput(layer, shape, reason):
            return "layer '\(layer)' cannot take input of shape \(shape) (batch axis excluded): \(reason)"
        case let .notBuilt(model, hint):
            return "model '\(model)' is not built yet: \(hint)"
        case let .notCompiled(model):
            return "model '\(model)' is not compiled: call compile(optimizer:loss:metrics:) before fit or evaluate"
        case let .mismatchedData(message):
            return message
        }
    }
}

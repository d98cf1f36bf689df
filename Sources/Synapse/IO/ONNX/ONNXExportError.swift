/// Why a model could not be exported to ONNX.
public enum ONNXExportError: Error, CustomStringConvertible, Equatable {
    /// Only `Sequential` models (possibly nested) are exported.
    case notSequential(modelClass: String)
    /// A layer type has no ONNX translation.
    case unsupportedLayer(layer: String, type: String)
    /// An activation has no ONNX translation.
    case unsupportedActivation(layer: String, activation: String)

    /// A one-line explanation with what to do.
    public var description: String {
        switch self {
        case let .notSequential(modelClass):
            return "ONNX export supports Sequential models and subclassed models whose call(_:) is a plain chain of layers; '\(modelClass)' does more (branches, or tensor operations between layers). Rebuild it as a Sequential to export"
        case let .unsupportedLayer(layer, type):
            return "ONNX export: layer '\(layer)' of type \(type) has no ONNX translation (supported: Dense, Flatten, Reshape, Dropout, Activation, Conv2D, DepthwiseConv2D, MaxPool2D, AveragePool2D, GlobalAveragePool2D, BatchNormalization, LayerNormalization, ZeroPadding2D, UpSampling2D, Conv1D, MaxPool1D, GlobalAveragePool1D, GlobalMaxPool1D, and in functional graphs Add and Concatenate)"
        case let .unsupportedActivation(layer, activation):
            return "ONNX export: layer '\(layer)' uses activation '\(activation)', which has no ONNX translation"
        }
    }
}

/// Why a training checkpoint could not be read or restored.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    /// `state.json` or the optimizer file is missing or malformed.
    case invalidState(file: String, reason: String)
    /// The model's optimizer is not the one the checkpoint was taken with.
    case optimizerMismatch(file: String, saved: String, current: String)
    /// Optimizer state refers to parameters the model does not have.
    case unknownSlotParameters(file: String, names: [String])
    /// The model is not compiled and the checkpoint has no compile settings.
    case notCompiled(file: String)

    /// A one-line explanation with what to do.
    public var description: String {
        switch self {
        case let .invalidState(file, reason):
            return "checkpoint file \(file): \(reason)"
        case let .optimizerMismatch(file, saved, current):
            return "checkpoint file \(file) holds '\(saved)' optimizer state but the model is compiled with '\(current)'; compile with the same optimizer to resume"
        case let .unknownSlotParameters(file, names):
            return "checkpoint file \(file) has optimizer state for parameters the model lacks: \(names.joined(separator: ", "))"
        case let .notCompiled(file):
            return "checkpoint \(file) has no compile settings and the model is not compiled; call compile before resuming"
        }
    }
}

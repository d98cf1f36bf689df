/// Why a spiking layer, encoder or surrogate cannot be made or run as asked.
public enum SpikingError: Error, CustomStringConvertible, Equatable {
    /// The input has no time axis (spiking layers take `[time, batch, …]`).
    case missingTimeAxis(layer: String, shape: [Int])
    /// The number of time steps is zero (or negative).
    case noTimeSteps(layer: String, steps: Int)
    /// A time-folded input's first axis is not a multiple of the time steps.
    case timeStepsMismatch(layer: String, rows: Int, steps: Int)
    /// A decay factor (β, α) outside [0, 1].
    case decayOutOfRange(layer: String, name: String, value: Float)
    /// A surrogate's slope (or α) that is not positive.
    case nonPositiveSlope(surrogate: String, value: Float)
    /// Another argument out of its range.
    case invalidArgument(layer: String, argument: String, reason: String)

    /// A one-line explanation: what is wrong, where, and what to do.
    public var description: String {
        switch self {
        case let .missingTimeAxis(layer, shape):
            return "\(layer): input of shape \(shape) has no time axis; give currents shaped [time, batch, features…] (or set steps to fold time into the batch axis)"
        case let .noTimeSteps(layer, steps):
            return "\(layer): \(steps) time steps; a spiking network needs at least one step"
        case let .timeStepsMismatch(layer, rows, steps):
            return "\(layer): the first axis holds \(rows) rows, not a multiple of its \(steps) time steps; feed it [steps·batch, …] from RepeatSteps or an encoder"
        case let .decayOutOfRange(layer, name, value):
            return "\(layer): \(name) = \(value) is outside [0, 1]; a decay factor must lie in [0, 1]"
        case let .nonPositiveSlope(surrogate, value):
            return "surrogate \(surrogate): slope \(value) must be positive"
        case let .invalidArgument(layer, argument, reason):
            return "\(layer): \(argument) \(reason)"
        }
    }
}

/// How a spiking layer finds time in its input.
///
/// Either the input has an explicit time axis, `[time, batch, features…]`
/// (`foldedSteps == nil`), or time is folded into the first axis,
/// `[steps·batch, features…]`, time-major (step 0's batch first), which is
/// how a `Sequential` carries it so that `Dense`, `Conv2D` and pooling
/// process every step in one call.
enum SpikingTime {
    /// The number of time steps in `input`, or a thrown `SpikingError`.
    static func steps(of input: Tensor, foldedSteps: Int?, layer: String) throws -> Int {
        if let steps = foldedSteps {
            guard steps > 0 else { throw SpikingError.noTimeSteps(layer: layer, steps: steps) }
            guard input.rank >= 2 else { throw SpikingError.missingTimeAxis(layer: layer, shape: input.shape) }
            guard input.shape[0] % steps == 0 else {
                throw SpikingError.timeStepsMismatch(layer: layer, rows: input.shape[0], steps: steps)
            }
            return steps
        }
        guard input.rank >= 2 else { throw SpikingError.missingTimeAxis(layer: layer, shape: input.shape) }
        guard input.shape[0] > 0 else { throw SpikingError.noTimeSteps(layer: layer, steps: input.shape[0]) }
        return input.shape[0]
    }

    /// The shape of one example's neurons, from the shape a layer is built
    /// with (the input's shape without its first axis).
    static func featureShape(builtShape: [Int], foldedSteps: Int?) -> [Int] {
        foldedSteps == nil ? Array(builtShape.dropFirst()) : builtShape
    }
}

/// The spikes and membrane potentials of a spiking layer over time, each
/// shaped like its input.
public struct NeuronTrace {
    /// S[t], 0 or 1.
    public let spikes: Tensor
    /// U[t].
    public let membrane: Tensor
}

/// Turns a time-folded `[steps·batch, …]` back into one row per example,
/// `[batch, steps, …]`, for the losses and metrics (`StepwiseCrossEntropy`,
/// `SpikeCountAccuracy`, …) and for `predict`.
public final class TimeReadout: Layer {
    /// The number of time steps folded into the first axis.
    public let steps: Int

    /// A readout for `steps` time steps; throws for `steps` ≤ 0.
    public init(steps: Int) throws {
        guard steps > 0 else { throw SpikingError.noTimeSteps(layer: "TimeReadout", steps: steps) }
        self.steps = steps
        super.init()
    }

    /// `[steps, …]` per example.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] { [steps] + inputShape }

    /// `[steps·batch, …]` → `[batch, steps, …]`.
    public override func call(_ input: Tensor) -> Tensor {
        do { _ = try SpikingTime.steps(of: input, foldedSteps: steps, layer: "TimeReadout '\(name)'") } catch {
            preconditionFailure("\(error)")
        }
        let rest = Array(input.shape.dropFirst())
        let timeMajor = input.reshaped(to: [steps, input.shape[0] / steps] + rest)
        return timeMajor.permuted([1, 0] + Array(2..<(rest.count + 2)))
    }

    /// The constructor arguments, for saving.
    public override var configuration: [String: ConfigurationValue] { savedArguments }
}

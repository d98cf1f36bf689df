/// A second-order LIF layer (snnTorch's `Synaptic`): the input feeds a
/// synaptic current with its own decay α, and the current feeds the
/// membrane:
///
/// I_syn[t] = α·I_syn[t−1] + I[t];  U[t] = β·U[t−1] + I_syn[t] − R[t]·θ
///
/// (with `reset: .zero`, U[t] = β·(1 − R[t])·U[t−1] + I_syn[t]; the synaptic
/// current is not reset). Time is read as by `Leaky`.
public final class Synaptic: Layer {
    /// The synaptic current's decay α in [0, 1].
    public let alpha: Float
    /// The membrane stage: a `Leaky` layer driven by the synaptic current.
    public let membrane: Leaky

    /// A synaptic LIF layer; throws for α or β outside [0, 1] and as `Leaky` does.
    public init(alpha: Float, beta: Float, threshold: Float = 1, reset: NeuronReset = .subtract,
                surrogate: Surrogate = .arctan, output: NeuronOutput = .spikes, steps: Int? = nil) throws {
        guard alpha >= 0 && alpha <= 1 else { throw SpikingError.decayOutOfRange(layer: "Synaptic", name: "alpha", value: alpha) }
        self.alpha = alpha
        membrane = try Leaky(beta: beta, threshold: threshold, reset: reset, surrogate: surrogate, output: output, steps: steps)
        super.init()
    }

    /// Builds the membrane stage.
    public override func build(inputShape: [Int]) throws { try membrane.buildOnce(inputShape: inputShape) }

    /// The same shape: a neuron per input value.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] { inputShape }

    /// Both records for `currents`; throws for an input without a time axis or with no steps.
    public func simulate(_ currents: Tensor) throws -> NeuronTrace {
        let steps = try SpikingTime.steps(of: currents, foldedSteps: membrane.steps, layer: "Synaptic '\(name)'")
        return try membrane.simulate(currents.exponentiallyFiltered(decay: alpha, steps: steps))
    }

    /// The spikes (or membrane) for every step of `input`.
    public override func call(_ input: Tensor) -> Tensor {
        let trace: NeuronTrace
        do { trace = try simulate(input) } catch { preconditionFailure("\(error)") }
        return membrane.output == .spikes ? trace.spikes : trace.membrane
    }

    /// The constructor arguments, for saving.
    public override var configuration: [String: ConfigurationValue] { savedArguments }
}

/// Leaky neurons whose output spikes feed back through a learned weight
/// (snnTorch's `RLeaky`, all-to-all):
///
/// U[t] = β·U[t−1] + I[t] + (S[t−1]·V + b) − R[t]·θ, S[t] = H(U[t] − θ).
///
/// The input is `[time, batch, features]` (or folded, `[steps·batch,
/// features]`). Unlike `Leaky`, it must step through time one step at a
/// time, so it is slower.
public final class RecurrentLeaky: Layer {
    /// The membrane decay β in [0, 1].
    public let beta: Float
    /// The firing threshold θ.
    public let threshold: Float
    /// What happens to the membrane after a spike.
    public let reset: NeuronReset
    /// The gradient used for the spike in the backward pass.
    public let surrogate: Surrogate
    /// What the layer passes on.
    public let output: NeuronOutput
    /// The time steps folded into the first axis, or nil for an explicit time axis.
    public let steps: Int?
    /// V, `[features, features]`: spikes at t − 1 to current at t.
    public private(set) var recurrentKernel: Parameter?
    /// b, `[features]`.
    public private(set) var recurrentBias: Parameter?

    /// A recurrent LIF layer; throws for β outside [0, 1] or `steps` ≤ 0.
    public init(beta: Float, threshold: Float = 1, reset: NeuronReset = .subtract, surrogate: Surrogate = .arctan,
                output: NeuronOutput = .spikes, steps: Int? = nil) throws {
        guard beta >= 0 && beta <= 1 else { throw SpikingError.decayOutOfRange(layer: "RecurrentLeaky", name: "beta", value: beta) }
        if let steps, steps <= 0 { throw SpikingError.noTimeSteps(layer: "RecurrentLeaky", steps: steps) }
        self.beta = beta
        self.threshold = threshold
        self.reset = reset
        self.surrogate = surrogate
        self.output = output
        self.steps = steps
        super.init()
    }

    /// Makes V and b for one axis of features.
    public override func build(inputShape: [Int]) throws {
        let features = SpikingTime.featureShape(builtShape: inputShape, foldedSteps: steps)
        guard features.count == 1, let width = features.first, width > 0 else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShape,
                                               reason: "RecurrentLeaky needs one axis of features; add Flatten() before it")
        }
        recurrentKernel = Parameter(Initializer.glorotUniform([width, width]))
        recurrentBias = Parameter(Tensor.zeros([width]))
    }

    /// The same shape: a neuron per input value.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] { inputShape }

    /// Both records for `currents`, stepping through time.
    public func simulate(_ currents: Tensor) throws -> NeuronTrace {
        let steps = try SpikingTime.steps(of: currents, foldedSteps: self.steps, layer: "RecurrentLeaky '\(name)'")
        if !isBuilt { try buildOnce(inputShape: Array(currents.shape.dropFirst())) }
        guard let kernel = recurrentKernel?.value, let bias = recurrentBias?.value else { preconditionFailure("RecurrentLeaky: not built") }
        return simulate(currents, kernel: kernel, bias: bias, steps: steps)
    }

    /// The time loop, with the recurrent weights given.
    func simulate(_ currents: Tensor, kernel: Tensor, bias: Tensor, steps: Int) -> NeuronTrace {
        let width = kernel.shape[0], rows = currents.count / (steps * width)
        let perStep = currents.reshaped(to: [steps, rows, width])
        var spikes = Tensor.zeros([rows, width]), membrane = Tensor.zeros([rows, width])
        var spikeRecord: [Tensor] = [], membraneRecord: [Tensor] = []
        for t in 0..<steps {
            let input = perStep.slice(alongAxis: 0, t..<(t + 1)).reshaped(to: [rows, width])
                + Tensor.linear(spikes, weight: kernel, bias: bias)
            let step = LeakyIntegration(currents: input, steps: 1, beta: Tensor(beta), threshold: Tensor(threshold),
                                        reset: reset, surrogate: surrogate, initial: membrane)
            spikes = step.spikes
            membrane = step.membrane
            spikeRecord.append(spikes)
            membraneRecord.append(membrane)
        }
        return NeuronTrace(spikes: stack(spikeRecord).reshaped(to: currents.shape),
                           membrane: stack(membraneRecord).reshaped(to: currents.shape))
    }

    /// The spikes (or membrane) for every step of `input`.
    public override func call(_ input: Tensor) -> Tensor {
        let trace: NeuronTrace
        do { trace = try simulate(input) } catch { preconditionFailure("\(error)") }
        return output == .spikes ? trace.spikes : trace.membrane
    }

    /// The constructor arguments, for saving.
    public override var configuration: [String: ConfigurationValue] { savedArguments }
}

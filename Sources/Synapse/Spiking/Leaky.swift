/// A layer of leaky integrate-and-fire neurons, with snnTorch's `Leaky`
/// dynamics exactly:
///
/// U[t] = β·U[t−1] + I[t] − R[t]·θ, R[t] = H(U[t−1] − θ) (detached),
/// S[t] = H(U[t] − θ), strictly; with `reset: .zero`,
/// U[t] = β·(1 − R[t])·U[t−1] + I[t]. U starts at 0 and β is clamped to
/// [0, 1]. The backward pass replaces H′ by the `surrogate`.
///
/// Inputs carry time explicitly, `[time, batch, features…]`, or folded into
/// the first axis (`steps:` set, `[steps·batch, features…]`, as after
/// `RepeatSteps`, so the layers around it see an ordinary batch):
/// ```swift
/// let lif = try Leaky(beta: 0.95)
/// let trace = try lif.simulate(currents)        // [T, B, F] → spikes and membrane
/// let net = Sequential([Flatten(), Dense(1000), try RepeatSteps(25),
///                       try Leaky(beta: 0.95, steps: 25), Dense(10),
///                       try Leaky(beta: 0.95, steps: 25, output: .membrane), try TimeReadout(steps: 25)])
/// ```
public final class Leaky: Layer {
    /// The membrane decay β in [0, 1] (the initial value when learned).
    public let initialBeta: Float
    /// The firing threshold θ (the initial value when learned).
    public let initialThreshold: Float
    /// What happens to the membrane after a spike.
    public let reset: NeuronReset
    /// The gradient used for the spike in the backward pass.
    public let surrogate: Surrogate
    /// What the layer passes on: spikes or the membrane.
    public let output: NeuronOutput
    /// The time steps folded into the first axis, or nil for an explicit time axis.
    public let steps: Int?
    /// Whether β is learned, per layer or per neuron.
    public let learnBeta: NeuronParameterScope
    /// Whether θ is learned, per layer or per neuron.
    public let learnThreshold: NeuronParameterScope
    /// A factor on the input current (Δt/C for `Leaky.lapicque`; 1 otherwise).
    public let inputScale: Float
    /// β: a scalar, or one per neuron; trainable unless `learnBeta` is `.fixed`.
    public private(set) var beta: Parameter?
    /// θ: a scalar, or one per neuron; trainable unless `learnThreshold` is `.fixed`.
    public private(set) var threshold: Parameter?
    /// When true, each call keeps its spikes and membrane in `lastTrace`
    /// (for inspection and plots; not for a model shared between threads).
    public var recordsTrace = false
    /// The spikes and membrane of the last call, when `recordsTrace` is on.
    public private(set) var lastTrace: NeuronTrace?

    /// A layer of LIF neurons; throws when β is outside [0, 1], θ is not
    /// finite, `steps` is not positive or `inputScale` is not positive.
    public init(beta: Float, threshold: Float = 1, reset: NeuronReset = .subtract, surrogate: Surrogate = .arctan,
                output: NeuronOutput = .spikes, steps: Int? = nil,
                learnBeta: NeuronParameterScope = .fixed, learnThreshold: NeuronParameterScope = .fixed,
                inputScale: Float = 1) throws {
        guard beta >= 0 && beta <= 1 else { throw SpikingError.decayOutOfRange(layer: "Leaky", name: "beta", value: beta) }
        guard threshold.isFinite else {
            throw SpikingError.invalidArgument(layer: "Leaky", argument: "threshold", reason: "must be finite, got \(threshold)")
        }
        if let steps, steps <= 0 { throw SpikingError.noTimeSteps(layer: "Leaky", steps: steps) }
        guard inputScale > 0 && inputScale.isFinite else {
            throw SpikingError.invalidArgument(layer: "Leaky", argument: "input scale", reason: "must be positive, got \(inputScale)")
        }
        initialBeta = beta
        initialThreshold = threshold
        self.reset = reset
        self.surrogate = surrogate
        self.output = output
        self.steps = steps
        self.learnBeta = learnBeta
        self.learnThreshold = learnThreshold
        self.inputScale = inputScale
        super.init()
    }

    /// The textbook RC neuron (snnTorch's `Lapicque`): τ·dU/dt = −U + R·I
    /// stepped by forward Euler, U[t] = (1 − Δt/(RC))·U[t−1] + (Δt/C)·I[t] − R[t]·θ.
    /// Throws unless R, C > 0 and 0 < Δt ≤ RC.
    public static func lapicque(resistance: Float, capacitance: Float, timeStep: Float = 1, threshold: Float = 1,
                                reset: NeuronReset = .subtract, surrogate: Surrogate = .arctan,
                                output: NeuronOutput = .spikes, steps: Int? = nil) throws -> Leaky {
        guard resistance > 0, capacitance > 0, timeStep > 0 else {
            throw SpikingError.invalidArgument(layer: "Lapicque", argument: "R, C and Δt",
                                               reason: "must be positive, got R = \(resistance), C = \(capacitance), Δt = \(timeStep)")
        }
        return try Leaky(beta: 1 - timeStep / (resistance * capacitance), threshold: threshold, reset: reset,
                         surrogate: surrogate, output: output, steps: steps, inputScale: timeStep / capacitance)
    }

    /// Makes β and θ: scalars, or one per neuron of `inputShape`.
    public override func build(inputShape: [Int]) throws {
        let neurons = SpikingTime.featureShape(builtShape: inputShape, foldedSteps: steps)
        let makeParameter = { (value: Float, scope: NeuronParameterScope) -> Parameter in
            Parameter(Tensor.filled(scope == .neuron ? neurons : [], with: value), trainable: scope != .fixed)
        }
        beta = makeParameter(initialBeta, learnBeta)
        threshold = makeParameter(initialThreshold, learnThreshold)
    }

    /// The same shape: a neuron per input value.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] { inputShape }

    /// Runs the neurons over every step of `currents` and returns both
    /// records; throws for an input without a time axis or with no steps.
    public func simulate(_ currents: Tensor) throws -> NeuronTrace {
        let steps = try SpikingTime.steps(of: currents, foldedSteps: self.steps, layer: "Leaky '\(name)'")
        if !isBuilt { try buildOnce(inputShape: Array(currents.shape.dropFirst())) }
        guard let beta, let threshold else { preconditionFailure("Leaky '\(name)': not built") }
        let scaled = inputScale == 1 ? currents : currents * inputScale
        let run = LeakyIntegration(currents: scaled, steps: steps, beta: beta.value, threshold: threshold.value,
                                   reset: reset, surrogate: surrogate)
        return NeuronTrace(spikes: run.spikes, membrane: run.membrane)
    }

    /// The spikes (or membrane) for every step of `input`.
    public override func call(_ input: Tensor) -> Tensor {
        let trace: NeuronTrace
        do { trace = try simulate(input) } catch { preconditionFailure("\(error)") }
        if recordsTrace { lastTrace = NeuronTrace(spikes: trace.spikes.detached(), membrane: trace.membrane.detached()) }
        return output == .spikes ? trace.spikes : trace.membrane
    }

    /// The constructor arguments, for saving.
    public override var configuration: [String: ConfigurationValue] { savedArguments }
}

/// What `SimpleRNN`, `LSTM` and `GRU` share: Keras's arguments, the weights,
/// and the fused recurrence over time that runs them.
///
/// The input is `[batch, time, features]`. The output is the last step's
/// output `[batch, units]`, or every step's `[batch, time, units]` with
/// `returnSequences`. `callReturningState(_:initialState:mask:)` also gives
/// the final states (what Keras returns with `return_state=True`) and takes
/// initial states and a mask.
public class RecurrentLayer: Layer, StatefulSequenceLayer {
    /// The size of the state and of each step's output.
    public let units: Int
    /// The activation of the state candidate (and of `c` in the LSTM's
    /// output); tanh by default. tanh, sigmoid, relu and linear are supported.
    public let activation: Activation
    /// The activation of the gates (sigmoid by default, as Keras 3);
    /// unused by `SimpleRNN`.
    public let recurrentActivation: Activation
    /// Whether the layer adds biases.
    public let useBias: Bool
    /// Whether the output is every step's (`[batch, time, units]`) or the last one's.
    public let returnSequences: Bool
    /// Keras's `return_state`: recorded in the configuration; the states
    /// themselves come from `callReturningState(_:initialState:mask:)`, since
    /// a layer call returns one tensor.
    public let returnState: Bool
    /// Whether the sequence is processed from its end; the output sequence
    /// is then in processing order (reversed), as Keras's.
    public let goBackwards: Bool
    /// How the input kernel is initialised (glorot-uniform by default).
    public let kernelInitializer: Initializer
    /// How the recurrent kernel is initialised (orthogonal by default).
    public let recurrentInitializer: Initializer
    /// How the bias is initialised (zeros by default).
    public let biasInitializer: Initializer
    /// The input kernel `[features, gates·units]`; nil until built.
    public internal(set) var kernel: Parameter?
    /// The recurrent kernel `[units, gates·units]`; nil until built.
    public internal(set) var recurrentKernel: Parameter?
    /// The bias, `[gates·units]` (`[2, 3·units]` for the GRU); nil until
    /// built or without `useBias`.
    public internal(set) var bias: Parameter?

    let kind: RecurrentCellKind
    /// Set by `Bidirectional` on its backward layer: the output sequence in
    /// input-time order rather than processing order.
    var outputsInTimeOrder = false

    init(kind: RecurrentCellKind, arguments a: RecurrentArguments) {
        let typeName = String(describing: Swift.type(of: self))
        precondition(a.units > 0, "\(typeName): units must be positive, got \(a.units)")
        for candidate in [a.activation, a.recurrentActivation] {
            precondition(RecurrentNonlinearity(candidate) != nil,
                         "\(typeName): activation '\(candidate.name)' is not supported; use one of "
                            + RecurrentNonlinearity.supportedNames.joined(separator: ", "))
        }
        self.kind = kind
        units = a.units
        activation = a.activation
        recurrentActivation = a.recurrentActivation
        useBias = a.useBias
        kernelInitializer = a.kernelInitializer
        recurrentInitializer = a.recurrentInitializer
        biasInitializer = a.biasInitializer
        returnSequences = a.returnSequences
        returnState = a.returnState
        goBackwards = a.goBackwards
        super.init()
    }

    /// The arguments this layer was made with, `goBackwards` replaced.
    func arguments(goBackwards: Bool) -> RecurrentArguments {
        RecurrentArguments(units: units, activation: activation, recurrentActivation: recurrentActivation,
                           useBias: useBias, kernelInitializer: kernelInitializer,
                           recurrentInitializer: recurrentInitializer, biasInitializer: biasInitializer,
                           returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards)
    }

    /// The initial bias; `LSTM` overrides it for `unitForgetBias`.
    func initialBias() -> Tensor {
        biasInitializer(kind == .gru ? [2, kind.gateCount * units] : [kind.gateCount * units])
    }

    /// A new, unbuilt layer with the same arguments but `goBackwards` (for `Bidirectional`).
    func copy(goBackwards: Bool) -> RecurrentLayer {
        preconditionFailure("\(Swift.type(of: self)) must override copy(goBackwards:)")
    }

    /// Makes the kernels and the bias for inputs of `[time, features]`.
    public override func build(inputShape: [Int]) throws {
        guard inputShape.count == 2, let features = inputShape.last, features > 0 else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShape,
                                               reason: "a recurrent layer needs [time, features] per example")
        }
        kernel = Parameter(kernelInitializer([features, kind.gateCount * units]))
        recurrentKernel = Parameter(recurrentInitializer([units, kind.gateCount * units]))
        if useBias { bias = Parameter(initialBias()) }
    }

    /// `[time, units]` with `returnSequences`, else `[units]`.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 2, inputShape[1] == kernel?.shape[0] else {
            throw LayerError.incompatibleInput(
                layer: name, inputShape: inputShape,
                reason: "expected [time, \(kernel?.shape[0] ?? 0)] (the layer was built for \(kernel?.shape[0] ?? 0) features)")
        }
        return returnSequences ? [inputShape[0], units] : [units]
    }

    /// The output for `input` from zero initial states.
    public override func call(_ input: Tensor) -> Tensor {
        callReturningState(input).output
    }

    /// The output and the final states (`[h]`, or `[h, c]` for the LSTM,
    /// each `[batch, units]`), as Keras's `return_state=True` gives them.
    ///
    /// `initialState` holds the states to start from (zeros when nil), in the
    /// same order; `mask` is as in `callAsFunction(_:mask:)`: a skipped step
    /// carries the states and repeats the previous output (zeros before the
    /// first computed step), as in Keras. Gradients flow
    /// to the input, the weights and the initial states.
    public func callReturningState(_ input: Tensor, initialState: [Tensor]? = nil,
                                   mask: Tensor? = nil) -> (output: Tensor, states: [Tensor]) {
        buildIfNeeded(for: input)
        guard let kernel, let recurrentKernel else { preconditionFailure("\(name): called before it was built") }
        precondition(input.rank == 3, "\(name): input \(input.shape) must be [batch, time, features]")
        let batch = input.shape[0], steps = input.shape[1]
        let states = initialState ?? Array(repeating: Tensor.zeros([batch, units]), count: kind.stateCount)
        let packed = Tensor.recurrence(
            input, kind: kind, kernel: kernel.value, recurrentKernel: recurrentKernel.value, bias: bias?.value,
            initialStates: states, mask: mask, activation: RecurrentNonlinearity(activation)!,
            recurrentActivation: RecurrentNonlinearity(recurrentActivation)!, goBackwards: goBackwards,
            outputInTimeOrder: outputsInTimeOrder)
        let lastRow = outputsInTimeOrder && goBackwards ? 0 : steps - 1
        let output = returnSequences
            ? packed.slice(alongAxis: 1, 0..<steps)
            : packed.slice(alongAxis: 1, lastRow..<(lastRow + 1)).reshaped(to: [batch, units])
        let finalStates = (0..<kind.stateCount).map {
            packed.slice(alongAxis: 1, (steps + $0)..<(steps + $0 + 1)).reshaped(to: [batch, units])
        }
        return (output, finalStates)
    }

    /// Keras's arguments shared by every recurrent layer.
    public override var configuration: [String: ConfigurationValue] {
        var arguments: [String: ConfigurationValue] = [
            "units": .int(units), "activation": .string(activation.name), "use_bias": .bool(useBias),
            "kernel_initializer": .string(kernelInitializer.name),
            "recurrent_initializer": .string(recurrentInitializer.name),
            "bias_initializer": .string(biasInitializer.name),
            "return_sequences": .bool(returnSequences), "return_state": .bool(returnState),
            "go_backwards": .bool(goBackwards),
        ]
        if kind != .simple { arguments["recurrent_activation"] = .string(recurrentActivation.name) }
        return arguments
    }
}

extension RecurrentLayer: PlansParameters {
    func plannedParameterCount(forInputShape inputShape: [Int]) -> Int? {
        guard let features = inputShape.last else { return nil }
        let width = kind.gateCount.multipliedReportingOverflow(by: units)
        let rows = features.addingReportingOverflow(units)
        guard !width.overflow, !rows.overflow else { return nil }
        let weights = rows.partialValue.multipliedReportingOverflow(by: width.partialValue)
        let biases = (kind == .gru ? 2 : 1) * width.partialValue
        let total = weights.partialValue.addingReportingOverflow(useBias ? biases : 0)
        return weights.overflow || total.overflow ? nil : total.partialValue
    }
}

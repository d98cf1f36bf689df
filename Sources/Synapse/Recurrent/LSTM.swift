/// Long short-term memory, as Keras's `LSTM`: gates i, f, o =
/// recurrentActivation(x·W + h₋·R + b) and the candidate g = activation(…),
/// in Keras's order i, f, c, o along the kernels' last axis;
/// `c = f·c₋ + i·g` and `h = o·activation(c)`.
///
/// The whole sequence runs as one fused operation: one GEMM for every
/// step's input projection, then one recurrent GEMM and one gate pass per
/// step, and the same backwards through time.
///
/// ```swift
/// let lstm = LSTM(128, returnSequences: true)
/// let y = lstm(x)                                  // [batch, time, 128]
/// let (last, states) = LSTM(128).callReturningState(x)   // states: [h, c]
/// ```
public final class LSTM: RecurrentLayer {
    /// Whether the forget gate's bias starts at 1 (Keras's default), which
    /// helps the layer keep its memory early in training.
    public let unitForgetBias: Bool

    /// An LSTM of `units` units, with Keras's defaults.
    public convenience init(_ units: Int, activation: Activation = .tanh, recurrentActivation: Activation = .sigmoid,
                            useBias: Bool = true, kernelInitializer: Initializer = .glorotUniform,
                            recurrentInitializer: Initializer = .orthogonal, biasInitializer: Initializer = .zeros,
                            unitForgetBias: Bool = true, returnSequences: Bool = false, returnState: Bool = false,
                            goBackwards: Bool = false) {
        self.init(arguments: RecurrentArguments(
            units: units, activation: activation, recurrentActivation: recurrentActivation, useBias: useBias,
            kernelInitializer: kernelInitializer, recurrentInitializer: recurrentInitializer,
            biasInitializer: biasInitializer, returnSequences: returnSequences, returnState: returnState,
            goBackwards: goBackwards), unitForgetBias: unitForgetBias)
    }

    init(arguments: RecurrentArguments, unitForgetBias: Bool) {
        self.unitForgetBias = unitForgetBias
        super.init(kind: .lstm, arguments: arguments)
    }

    override func copy(goBackwards: Bool) -> RecurrentLayer {
        LSTM(arguments: arguments(goBackwards: goBackwards), unitForgetBias: unitForgetBias)
    }

    /// The bias initializer's values, with the forget gate's set to 1 under `unitForgetBias`.
    override func initialBias() -> Tensor {
        let bias = super.initialBias()
        guard unitForgetBias else { return bias }
        var values = bias.scalars
        for j in units..<(2 * units) { values[j] = 1 }
        return Tensor(shape: bias.shape, scalars: values)
    }

    /// Keras's arguments, with `unit_forget_bias`.
    public override var configuration: [String: ConfigurationValue] {
        var arguments = super.configuration
        arguments["unit_forget_bias"] = .bool(unitForgetBias)
        return arguments
    }
}

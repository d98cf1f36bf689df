/// Gated recurrent unit, as Keras's `GRU` with `reset_after=True` (its
/// default, and cuDNN's and PyTorch's variant): gates z, r =
/// recurrentActivation(x·W + b_in + h₋·R + b_rec), the candidate
/// h̃ = activation(x·W_h + b_in,h + r·(h₋·R_h + b_rec,h)), and
/// `h = z·h₋ + (1 − z)·h̃`. Kernels hold the gates in Keras's order z, r, h;
/// the bias is `[2, 3·units]`: the input row, then the recurrent row.
///
/// ```swift
/// let gru = GRU(64)
/// let y = gru(x)   // [batch, time, features] → [batch, 64]
/// ```
public final class GRU: RecurrentLayer {
    /// Always true: the reset gate applies after the recurrent product
    /// (Keras's default; the other variant is not implemented).
    public var resetAfter: Bool { true }

    /// A GRU of `units` units, with Keras's defaults.
    public convenience init(_ units: Int, activation: Activation = .tanh, recurrentActivation: Activation = .sigmoid,
                            useBias: Bool = true, kernelInitializer: Initializer = .glorotUniform,
                            recurrentInitializer: Initializer = .orthogonal, biasInitializer: Initializer = .zeros,
                            returnSequences: Bool = false, returnState: Bool = false, goBackwards: Bool = false) {
        self.init(arguments: RecurrentArguments(
            units: units, activation: activation, recurrentActivation: recurrentActivation, useBias: useBias,
            kernelInitializer: kernelInitializer, recurrentInitializer: recurrentInitializer,
            biasInitializer: biasInitializer, returnSequences: returnSequences, returnState: returnState,
            goBackwards: goBackwards))
    }

    init(arguments: RecurrentArguments) {
        super.init(kind: .gru, arguments: arguments)
    }

    override func copy(goBackwards: Bool) -> RecurrentLayer {
        GRU(arguments: arguments(goBackwards: goBackwards))
    }

    /// Keras's arguments, with `reset_after`.
    public override var configuration: [String: ConfigurationValue] {
        var arguments = super.configuration
        arguments["reset_after"] = .bool(true)
        return arguments
    }
}

/// A fully connected recurrent layer, as Keras's `SimpleRNN`:
/// `h = activation(x·kernel + h₋·recurrentKernel + bias)`, and the output is `h`.
///
/// ```swift
/// let rnn = SimpleRNN(32, returnSequences: true)
/// let y = rnn(x)   // x: [batch, time, features] → y: [batch, time, 32]
/// ```
public final class SimpleRNN: RecurrentLayer {
    /// A recurrent layer of `units` units, with Keras's defaults.
    public convenience init(_ units: Int, activation: Activation = .tanh, useBias: Bool = true,
                            kernelInitializer: Initializer = .glorotUniform,
                            recurrentInitializer: Initializer = .orthogonal, biasInitializer: Initializer = .zeros,
                            returnSequences: Bool = false, returnState: Bool = false, goBackwards: Bool = false) {
        self.init(arguments: RecurrentArguments(
            units: units, activation: activation, recurrentActivation: .sigmoid, useBias: useBias,
            kernelInitializer: kernelInitializer, recurrentInitializer: recurrentInitializer,
            biasInitializer: biasInitializer, returnSequences: returnSequences, returnState: returnState,
            goBackwards: goBackwards))
    }

    init(arguments: RecurrentArguments) {
        super.init(kind: .simple, arguments: arguments)
    }

    override func copy(goBackwards: Bool) -> RecurrentLayer {
        SimpleRNN(arguments: arguments(goBackwards: goBackwards))
    }
}

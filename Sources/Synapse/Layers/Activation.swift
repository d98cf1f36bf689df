/// An activation function, by name, for `Dense(_:activation:)` and friends.
public struct Activation: CustomStringConvertible, Sendable {
    /// The Keras name of the function (`"relu"`, `"softmax"`, …).
    public let name: String
    private let function: @Sendable (Tensor) -> Tensor
    /// For the built-in identity and ReLU: what `Dense` can fuse into its GEMM.
    let fusion: Fusion?

    /// The activations a GEMM applies while storing its output.
    enum Fusion: Sendable { case identity, relu }

    /// An activation called `name` that applies `function`.
    public init(name: String, _ function: @escaping @Sendable (Tensor) -> Tensor) {
        self.init(name: name, fusion: nil, function)
    }

    private init(name: String, fusion: Fusion?, _ function: @escaping @Sendable (Tensor) -> Tensor) {
        self.name = name
        self.fusion = fusion
        self.function = function
    }

    /// Applies the function.
    public func callAsFunction(_ x: Tensor) -> Tensor { function(x) }

    /// The name.
    public var description: String { name }

    /// The identity.
    public static let linear = Activation(name: "linear", fusion: .identity) { $0 }
    /// max(0, x).
    public static let relu = Activation(name: "relu", fusion: .relu) { $0.relu() }
    /// 1 / (1 + e⁻ˣ). Binary cross-entropy sees through it to the logits.
    public static let sigmoid = Activation(name: "sigmoid") { $0.sigmoidRememberingLogits() }
    /// The hyperbolic tangent.
    public static let tanh = Activation(name: "tanh") { $0.tanh() }
    /// Softmax over the last axis. A loss that expects probabilities sees
    /// through it to the logits and computes the cross-entropy stably.
    public static let softmax = Activation(name: "softmax") { $0.softmaxRememberingLogits() }
    /// Leaky ReLU with slope 0.2 for negative inputs (the Keras default).
    public static let leakyRelu = Activation(name: "leaky_relu") { $0.leakyRelu() }
    /// Exponential linear unit.
    public static let elu = Activation(name: "elu") { $0.elu() }
    /// Gaussian error linear unit.
    public static let gelu = Activation(name: "gelu") { $0.gelu() }
    /// log(1 + eˣ).
    public static let softplus = Activation(name: "softplus") { $0.softplus() }
    /// x·sigmoid(x).
    public static let swish = Activation(name: "swish") { $0.swish() }

    /// Every built-in activation, by name (used when loading saved models).
    public static let builtIn: [String: Activation] = Dictionary(
        uniqueKeysWithValues: [linear, relu, sigmoid, tanh, softmax, leakyRelu, elu, gelu, softplus, swish].map { ($0.name, $0) }
    )

    /// The built-in activation called `name`, if there is one.
    public static func named(_ name: String) -> Activation? { builtIn[name] }
}

/// The logits a softmax or sigmoid output came from, so that cross-entropy
/// can be computed from them directly (as Keras does).
final class LogitsOrigin {
    /// Which function turned the logits into probabilities.
    enum Function { case softmax, sigmoid }

    let logits: Tensor
    let function: Function
    init(_ logits: Tensor, _ function: Function) {
        self.logits = logits
        self.function = function
    }
}

extension Tensor {
    /// `softmax()`, remembering the logits for losses that can use them.
    public func softmaxRememberingLogits() -> Tensor {
        var result = softmax()
        result.logitsOrigin = LogitsOrigin(self, .softmax)
        return result
    }

    /// `sigmoid()`, remembering the logits for losses that can use them.
    public func sigmoidRememberingLogits() -> Tensor {
        var result = sigmoid()
        result.logitsOrigin = LogitsOrigin(self, .sigmoid)
        return result
    }

    /// The logits this tensor was computed from by `function`, if it was.
    func logits(before function: LogitsOrigin.Function) -> Tensor? {
        logitsOrigin?.function == function ? logitsOrigin?.logits : nil
    }
}

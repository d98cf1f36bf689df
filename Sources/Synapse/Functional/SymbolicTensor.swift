/// A placeholder for the tensor a layer will produce, in Keras's functional
/// API: it has a per-example shape but no values. Calling a layer on
/// symbolic tensors records a node of a graph; `Functional(inputs:outputs:)`
/// turns the graph into a model.
///
/// ```swift
/// let inputs = Input(shape: [784])
/// let hidden = Dense(64, activation: .relu)(inputs)
/// let outputs = Dense(10, activation: .softmax)(hidden)
/// let model = Functional(inputs: inputs, outputs: outputs)
/// ```
public class SymbolicTensor: CustomStringConvertible {
    /// The shape of one example (batch axis excluded).
    public let shape: [Int]
    /// The layer call that produces this tensor; nil for an `Input` (and
    /// cleared only while the graph is released, see `FunctionalNode`).
    var node: FunctionalNode?

    init(shape: [Int], node: FunctionalNode?) {
        self.shape = shape
        self.node = node
    }

    /// The producing layer and the shape, as `dense: [batch, 64]`.
    public var description: String {
        "\(node?.layer.name ?? "input"): \(["batch"] + shape.map(String.init))"
    }

    /// What identifies this tensor's value while a graph runs: its node, or
    /// the tensor itself for an input.
    var key: ObjectIdentifier { node.map(ObjectIdentifier.init) ?? ObjectIdentifier(self) }
}

/// A model input in Keras's functional API (`keras.Input`): a symbolic
/// tensor of a given per-example shape that a `Functional` model is fed.
///
/// ```swift
/// let tokens = Input(shape: [64], name: "tokens")
/// ```
public final class Input: SymbolicTensor {
    /// The input's name in saved files; unique within a model. Defaulted
    /// to `input`, `input_1`, … by the model unless given here.
    public internal(set) var name: String
    /// Whether `name` was given by the user.
    let hasCustomName: Bool

    /// An input of examples of `shape` (batch axis excluded), every size positive.
    public init(shape: [Int], name: String? = nil) {
        precondition(!shape.isEmpty && shape.allSatisfy { $0 > 0 },
                     "Input: shape \(shape) must have at least one axis and every size positive (the batch axis is left out)")
        self.name = name ?? "input"
        hasCustomName = name != nil
        super.init(shape: shape, node: nil)
    }

    /// The name and the shape, as `input: [batch, 784]`.
    public override var description: String { "\(name): \(["batch"] + shape.map(String.init))" }
}

/// The element-wise sum of several tensors of the same shape (Keras's
/// `Add`), the join of a residual connection:
/// ```swift
/// let y = Add()([x, Dense(64)(x)])
/// ```
public final class Add: MergeLayer {
    /// An addition layer.
    public init() { super.init(kerasName: "add") }

    /// The common shape; throws when the inputs' shapes differ.
    public override func outputShape(forInputShapes inputShapes: [[Int]]) throws -> [Int] {
        try requireSeveral(inputShapes)
        guard inputShapes.allSatisfy({ $0 == inputShapes[0] }) else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShapes[0],
                                               reason: "Add needs inputs of one shape, got \(inputShapes)")
        }
        return inputShapes[0]
    }

    override func merge(_ inputs: [Tensor]) -> Tensor {
        inputs.dropFirst().reduce(inputs[0], +)
    }
}

extension Add: ConfigurableLayer {
    /// `"Add"`.
    public static var typeName: String { "Add" }
    /// An Add layer (it has no arguments).
    public convenience init(configuration: [String: ConfigurationValue]) throws { self.init() }
}

/// What the merge layers (`Add`, `Concatenate`) share: they take a list of
/// tensors, as Keras's merge layers do, and make one.
///
/// ```swift
/// let sum = Add()([a, b])            // on tensors
/// let joined = Concatenate()([x, y]) // or on symbolic tensors, in a `Functional` graph
/// ```
/// Not meant for subclassing outside Synapse.
public class MergeLayer: Layer {
    /// The layer, named `kerasName` by default.
    init(kerasName: String) {
        super.init()
        useDefaultName(kerasName)
    }

    /// The per-example output shape for inputs of `inputShapes` (batch
    /// excluded); throws `LayerError.incompatibleInput` for inputs the layer
    /// cannot merge.
    public func outputShape(forInputShapes inputShapes: [[Int]]) throws -> [Int] {
        preconditionFailure("\(type(of: self)) must override outputShape(forInputShapes:)")
    }

    /// The merge itself, for inputs already checked.
    func merge(_ inputs: [Tensor]) -> Tensor {
        preconditionFailure("\(type(of: self)) must override merge(_:)")
    }

    /// A merge layer takes a list; calling it on one tensor is a mistake.
    public override func call(_ input: Tensor) -> Tensor {
        preconditionFailure("\(type(of: self)) '\(name)': takes a list of tensors, as in \(type(of: self))()([a, b])")
    }

    /// The single-input shape rule does not apply: a merge needs every input's shape.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        try outputShape(forInputShapes: [inputShape])
    }

    /// Merges `inputs` (each `[batch, …]`, the same batch size); traps,
    /// naming the layer and the shapes, for inputs it cannot merge.
    public func callAsFunction(_ inputs: [Tensor]) -> Tensor {
        if let context = ShapeInference.current {
            return context.propagate(inputs, merging: self)
        }
        let shapes = inputs.map { Array($0.shape.dropFirst()) }
        let expectedShape: [Int]
        do {
            guard Set(inputs.map { $0.shape.first ?? 0 }).count == 1 else {
                throw LayerError.incompatibleInput(layer: name, inputShape: inputs.first?.shape ?? [],
                                                   reason: "the inputs have different batch sizes: \(inputs.map(\.shape))")
            }
            expectedShape = try outputShape(forInputShapes: shapes)
            try buildOnce(inputShape: shapes[0])
        } catch {
            preconditionFailure("\(error)")
        }
        var output = merge(inputs)
        if outputShape == nil { outputShape = expectedShape }
        if let tap = LayerOutputTap.current { output = tap.transform(self, output) }
        return output
    }

    /// Throws unless there are at least two inputs.
    func requireSeveral(_ inputShapes: [[Int]]) throws {
        guard inputShapes.count >= 2 else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShapes.first ?? [],
                                               reason: "a merge layer needs at least 2 inputs, got \(inputShapes.count)")
        }
    }
}

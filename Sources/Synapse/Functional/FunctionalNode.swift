/// One layer call in a functional graph: the layer, the symbolic tensors it
/// read and whether it took them as a list (a merge layer). Its output is
/// the `SymbolicTensor` whose `node` it is.
final class FunctionalNode {
    let layer: Layer
    /// The tensors read (emptied only while the graph is released).
    private(set) var inputs: [SymbolicTensor]
    /// The per-example shape of the tensor the call makes.
    let outputShape: [Int]

    init(layer: Layer, inputs: [SymbolicTensor], outputShape: [Int]) {
        self.layer = layer
        self.inputs = inputs
        self.outputShape = outputShape
    }

    /// Releases the chain of tensors and nodes behind this one in a loop:
    /// left to Swift, each release would run the next one's deinit inside
    /// its own, and a long graph read from a file would overflow the stack.
    deinit {
        var pending = inputs
        inputs = []
        while var tensor = pending.popLast() {
            guard isKnownUniquelyReferenced(&tensor), var node = tensor.node else { continue }
            tensor.node = nil
            if isKnownUniquelyReferenced(&node) {
                pending += node.inputs
                node.inputs = []
            }
        }
    }

    /// Whether the layer takes its inputs as a list.
    var merges: Bool { layer is MergeLayer }

    /// Builds `layer` for `inputs` (checking their shapes, as any build
    /// does) and returns its symbolic output.
    ///
    /// Runs on one zero example; inside a `ShapeInference` already running
    /// (a model being loaded) the shapes go through that one, so its size
    /// limits apply.
    static func record(_ layer: Layer, inputs: [SymbolicTensor]) throws -> SymbolicTensor {
        guard layer is MergeLayer ? !inputs.isEmpty : inputs.count == 1 else {
            throw LayerError.incompatibleInput(
                layer: layer.name, inputShape: inputs.first?.shape ?? [],
                reason: "\(type(of: layer)) takes one input, got \(inputs.count); only merge layers (Add, Concatenate) take several")
        }
        let probes = inputs.map { Tensor.zeros([1] + $0.shape) }
        var output = probes[0]
        let run = {
            if let merge = layer as? MergeLayer { output = merge(probes) } else { output = layer(probes[0]) }
        }
        if let context = ShapeInference.current {
            run()
            if let error = context.error { throw error }
        } else {
            try ShapeInference.run(run)
        }
        let shape = Array(output.shape.dropFirst())
        return SymbolicTensor(shape: shape, node: FunctionalNode(layer: layer, inputs: inputs, outputShape: shape))
    }

    /// Runs the layer on the inputs' values, whose masks are `masks` (nil
    /// for none); returns the output and its mask.
    func run(_ values: [Tensor], masks: [Tensor?]) -> (output: Tensor, mask: Tensor?) {
        if let merge = layer as? MergeLayer { return (merge(values), merge.mergedMask(values, masks: masks)) }
        return layer.callPropagatingMask(values[0], mask: masks[0])
    }
}

extension Layer {
    /// Records a call of this layer on a symbolic tensor (Keras's functional
    /// API), building the layer for its shape; traps, naming the layer and
    /// the shape, when the layer cannot take it. Calling one layer on
    /// several tensors shares its weights between the calls.
    public func callAsFunction(_ input: SymbolicTensor) -> SymbolicTensor {
        precondition(!(self is MergeLayer), "\(type(of: self)) '\(name)': takes a list of tensors, as in \(type(of: self))()([a, b])")
        do { return try FunctionalNode.record(self, inputs: [input]) } catch { preconditionFailure("\(error)") }
    }
}

extension MergeLayer {
    /// Records a merge of symbolic tensors (Keras's functional API); traps,
    /// naming the layer and the shapes, when they cannot be merged.
    public func callAsFunction(_ inputs: [SymbolicTensor]) -> SymbolicTensor {
        precondition(!inputs.isEmpty, "\(type(of: self)) '\(name)': needs at least 2 inputs, got none")
        do { return try FunctionalNode.record(self, inputs: inputs) } catch { preconditionFailure("\(error)") }
    }
}

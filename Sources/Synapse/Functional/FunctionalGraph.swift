/// The graph of a `Functional` model: its inputs, its outputs, the layer
/// calls between them in an order that runs each after what it reads, and
/// each distinct layer once (a shared layer is called by several nodes).
struct FunctionalGraph {
    /// Why symbolic tensors do not make a model.
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    let inputs: [Input]
    let outputs: [SymbolicTensor]
    /// Every layer call the outputs depend on, each after the calls it reads.
    let nodes: [FunctionalNode]
    /// The distinct layers, in the order of their first call.
    let layers: [Layer]

    /// The graph from `inputs` to `outputs`; throws when an output depends on
    /// an input that is not listed, an input is listed twice, or two layers
    /// share a name. Layers with default names are numbered Keras-style
    /// (`dense`, `dense_1`, …), inputs likewise (`input`, `input_1`, …).
    init(inputs: [Input], outputs: [SymbolicTensor]) throws {
        guard !inputs.isEmpty, !outputs.isEmpty else {
            throw Invalid(description: "a model needs at least one input and one output")
        }
        guard Set(inputs.map(ObjectIdentifier.init)).count == inputs.count else {
            throw Invalid(description: "an input is listed twice among the model's inputs")
        }
        let listed = Set(inputs.map(ObjectIdentifier.init))
        // Depth first from each output, with an explicit stack (a graph read
        // from a file may be long); a node is appended after all it reads.
        var ordered: [FunctionalNode] = []
        var visited = Set<ObjectIdentifier>()
        for output in outputs {
            var stack: [(tensor: SymbolicTensor, expanded: Bool)] = [(output, false)]
            while let (tensor, expanded) = stack.popLast() {
                guard let node = tensor.node else {
                    guard listed.contains(ObjectIdentifier(tensor)) else {
                        throw Invalid(description: "an output depends on \(tensor), which is not among the model's inputs; pass it in `inputs`")
                    }
                    continue
                }
                if expanded {
                    ordered.append(node)
                    continue
                }
                guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
                stack.append((tensor, true))
                for input in node.inputs.reversed() { stack.append((input, false)) }
            }
        }
        var layers: [Layer] = []
        var seenLayers = Set<ObjectIdentifier>()
        for node in ordered where seenLayers.insert(ObjectIdentifier(node.layer)).inserted { layers.append(node.layer) }
        self.inputs = inputs
        self.outputs = outputs
        self.nodes = ordered
        self.layers = layers
        try FunctionalGraph.assignNames(layers: layers, inputs: inputs)
    }

    /// Numbers default names and rejects duplicate custom ones.
    private static func assignNames(layers: [Layer], inputs: [Input]) throws {
        var taken = Set<String>()
        for layer in layers where layer.hasCustomName {
            guard taken.insert(layer.name).inserted else {
                throw Invalid(description: "two layers are named '\(layer.name)'; layer names must be unique in a model")
            }
        }
        for layer in layers where !layer.hasCustomName {
            layer.name = taken.claimUnique(layer.name.snakeCased)
            layer.hasCustomName = false
        }
        var inputNames = Set<String>()
        for input in inputs where input.hasCustomName {
            guard inputNames.insert(input.name).inserted else {
                throw Invalid(description: "two inputs are named '\(input.name)'; input names must be unique in a model")
            }
        }
        for input in inputs where !input.hasCustomName { input.name = inputNames.claimUnique("input") }
    }

    /// The outputs' values for the inputs' values, each layer run once per
    /// node; masks made by layers go along the edges (see `MaskingLayer`).
    func run(_ values: [Tensor]) -> [Tensor] {
        var computed: [ObjectIdentifier: Tensor] = [:]
        var masks: [ObjectIdentifier: Tensor] = [:]
        for (input, value) in zip(inputs, values) { computed[input.key] = value }
        for node in nodes {
            let (value, mask) = node.run(node.inputs.map { computed[$0.key]! }, masks: node.inputs.map { masks[$0.key] })
            computed[ObjectIdentifier(node)] = value
            if let mask { masks[ObjectIdentifier(node)] = mask }
        }
        return outputs.map { computed[$0.key]! }
    }
}

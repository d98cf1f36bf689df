/// A `Functional` model's graph in ONNX: each layer call translated as in a
/// `Sequential`, from the tensor it reads; `Add` as a chain of Adds and
/// `Concatenate` as Concat, both in Synapse's channels-last layout.
extension ONNXGraphBuilder {
    /// One exported tensor: its ONNX name, its per-example shape (Synapse's
    /// layout) and the layout it has in the graph.
    struct ExportedTensor {
        let name: String
        let shape: [Int]
        let layout: Layout
    }

    /// Adds every layer call of `model` and returns its outputs, each in
    /// Synapse's layout. The graph inputs are named after the model's inputs.
    /// A shared layer's weights are written once per call.
    mutating func add(_ model: Functional) throws -> [ExportedTensor] {
        var tensors: [ObjectIdentifier: ExportedTensor] = [:]
        // The first input's name is the builder's own; the others are claimed here.
        for (index, input) in model.inputs.enumerated() {
            tensors[input.key] = .init(name: index == 0 ? input.name : uniqueName(input.name), shape: input.shape,
                                       layout: .synapse)
        }
        var calls: [ObjectIdentifier: Int] = [:]
        for node in model.graph.nodes {
            let call = calls[ObjectIdentifier(node.layer), default: 0] + 1
            calls[ObjectIdentifier(node.layer)] = call
            let name = call == 1 ? node.layer.name : "\(node.layer.name)#\(call)"
            let inputs = node.inputs.map { tensors[$0.key]! }
            if let merge = node.layer as? MergeLayer {
                let names = inputs.map { input -> String in
                    select(input)
                    useSynapseLayout(before: name)
                    return current
                }
                try addMerge(merge, of: names, named: name)
            } else if let nested = node.layer as? Sequential {
                select(inputs[0])
                try add(nested, prefix: name + ".")
            } else if node.layer is Model {
                throw ONNXExportError.unsupportedLayer(layer: name, type: String(describing: type(of: node.layer)))
            } else {
                select(inputs[0])
                try add(node.layer, named: name)
            }
            tensors[ObjectIdentifier(node)] = .init(name: current, shape: node.outputShape, layout: layout)
        }
        return model.outputs.map { output in
            select(tensors[output.key]!)
            useSynapseLayout(before: "output")
            return .init(name: current, shape: output.shape, layout: .synapse)
        }
    }

    /// Makes `tensor` the one the next layer reads.
    private mutating func select(_ tensor: ExportedTensor) {
        current = tensor.name
        currentShape = tensor.shape
        layout = tensor.layout
    }

    /// The sum (pairwise Adds) or concatenation of `names`.
    private mutating func addMerge(_ merge: MergeLayer, of names: [String], named name: String) throws {
        switch merge {
        case is Add:
            current = names[0]
            for (index, other) in names.dropFirst().enumerated() {
                emit("Add", index == names.count - 2 ? name : "\(name)/\(index)", [current, other])
            }
        case let concatenate as Concatenate:
            emit("Concat", name, names, attributes: [.int("axis", Int64(concatenate.axis))])
        default:
            throw ONNXExportError.unsupportedLayer(layer: name, type: String(describing: type(of: merge)))
        }
    }
}

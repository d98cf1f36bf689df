/// Saving and loading a functional model's graph (see
/// `ModelFileConfiguration.Graph`): no class to register, as the graph is data.
extension Functional {
    /// The graph section of `config.json`; throws if two tensors would
    /// share a name (a layer named like an input or like `layer#2`).
    func graphConfiguration() throws -> ModelFileConfiguration.Graph {
        var names: [ObjectIdentifier: String] = [:]
        var calls: [ObjectIdentifier: Int] = [:]
        var taken = Set<String>()
        func claim(_ name: String, for key: ObjectIdentifier) throws {
            guard taken.insert(name).inserted else {
                throw ModelFileError.invalidConfiguration(
                    file: self.name, reason: "two tensors of the graph would be saved as '\(name)'; rename the layer or input")
            }
            names[key] = name
        }
        for input in graph.inputs { try claim(input.name, for: input.key) }
        var nodes: [ModelFileConfiguration.Graph.NodeEntry] = []
        for node in graph.nodes {
            let layerKey = ObjectIdentifier(node.layer)
            let call = calls[layerKey, default: 0] + 1
            calls[layerKey] = call
            let name = call == 1 ? node.layer.name : "\(node.layer.name)#\(call)"
            try claim(name, for: ObjectIdentifier(node))
            nodes.append(.init(name: name, layer: node.layer.name, inputs: node.inputs.map { names[$0.key]! }))
        }
        return .init(inputs: graph.inputs.map { .init(name: $0.name, shape: $0.shape) }, nodes: nodes,
                     outputs: graph.outputs.map { names[$0.key]! })
    }

    /// The model `config` describes, its layers built (with fresh weights)
    /// within `limits`; throws `ModelFileError` naming what is wrong with the
    /// graph: an unknown tensor or layer, a cycle, a shape a layer cannot
    /// take, a node or layer that leads to no output.
    static func make(from config: ModelFileConfiguration, file: String, limits: ModelSizeLimits) throws -> Functional {
        func invalid(_ reason: String) -> ModelFileError {
            .invalidConfiguration(file: file, reason: "the functional graph: \(reason)")
        }
        guard let saved = config.graph, let entries = config.layers else {
            throw invalid("a Functional model needs a 'graph' and a 'layers' list")
        }
        var layers: [String: Layer] = [:]
        for entry in entries {
            guard layers[entry.name] == nil else { throw invalid("two layers are named '\(entry.name)'") }
            layers[entry.name] = try Model.makeLayer(entry, file: file)
        }
        var tensors: [String: SymbolicTensor] = [:]
        var inputs: [Input] = []
        for entry in saved.inputs {
            guard !entry.shape.isEmpty, entry.shape.allSatisfy({ $0 > 0 }) else {
                throw invalid("input '\(entry.name)' has shape \(entry.shape); every size must be positive")
            }
            do {
                try limits.checkActivation(entry.shape, layer: entry.name)
            } catch {
                throw invalid("input '\(entry.name)': \(error)")
            }
            guard tensors[entry.name] == nil else { throw invalid("two inputs are named '\(entry.name)'") }
            let input = Input(shape: entry.shape, name: entry.name)
            tensors[entry.name] = input
            inputs.append(input)
        }
        let order = try executionOrder(of: saved.nodes, inputs: Set(tensors.keys), invalid: invalid)
        var outcome: Result<FunctionalGraph, Error> = .failure(invalid("was not read"))
        // One shape inference for the whole graph, so the size limits count every layer.
        // (A layer's shape error is caught inside and given the node's name.)
        ModelSizeLimits.$active.withValue(limits) {
            _ = try? ShapeInference.run {
                ShapeInference.current?.recordsCalls = false
                outcome = Result {
                    for node in order {
                        guard let layer = layers[node.layer] else {
                            throw invalid("node '\(node.name)' calls layer '\(node.layer)', which is not in 'layers'")
                        }
                        do {
                            tensors[node.name] = try FunctionalNode.record(layer, inputs: node.inputs.map { tensors[$0]! })
                        } catch {
                            throw invalid("node '\(node.name)' (layer '\(node.layer)') cannot take its inputs \(node.inputs): \(error)")
                        }
                    }
                    let outputs = try saved.outputs.map { name in
                        guard let tensor = tensors[name] else { throw invalid("output '\(name)' names no input or node") }
                        return tensor
                    }
                    do {
                        return try FunctionalGraph(inputs: inputs, outputs: outputs)
                    } catch {
                        throw invalid("\(error)")
                    }
                }
            }
        }
        let graph = try outcome.get()
        guard graph.nodes.count == saved.nodes.count else {
            throw invalid("\(saved.nodes.count - graph.nodes.count) node(s) lead to no output")
        }
        guard graph.layers.count == entries.count else {
            throw invalid("\(entries.count - graph.layers.count) layer(s) are never called")
        }
        return Functional(graph: graph)
    }

    /// The nodes in an order that runs each after the tensors it reads
    /// (Kahn's algorithm, with no recursion however long the graph);
    /// throws for a duplicate or unknown tensor name and for a cycle.
    private static func executionOrder(
        of nodes: [ModelFileConfiguration.Graph.NodeEntry], inputs: Set<String>,
        invalid: (String) -> ModelFileError
    ) throws -> [ModelFileConfiguration.Graph.NodeEntry] {
        var index: [String: Int] = [:]
        for (position, node) in nodes.enumerated() {
            guard !inputs.contains(node.name), index.updateValue(position, forKey: node.name) == nil else {
                throw invalid("two tensors are named '\(node.name)'")
            }
        }
        var waitingOn = [Int](repeating: 0, count: nodes.count)
        var readers = [[Int]](repeating: [], count: nodes.count)
        for (position, node) in nodes.enumerated() {
            guard !node.inputs.isEmpty else { throw invalid("node '\(node.name)' reads no tensor") }
            for name in node.inputs where !inputs.contains(name) {
                guard let source = index[name] else {
                    throw invalid("node '\(node.name)' reads '\(name)', which names no input or node")
                }
                waitingOn[position] += 1
                readers[source].append(position)
            }
        }
        var ready = nodes.indices.filter { waitingOn[$0] == 0 }
        var order: [ModelFileConfiguration.Graph.NodeEntry] = []
        order.reserveCapacity(nodes.count)
        while let position = ready.popLast() {
            order.append(nodes[position])
            for reader in readers[position] {
                waitingOn[reader] -= 1
                if waitingOn[reader] == 0 { ready.append(reader) }
            }
        }
        guard order.count == nodes.count else {
            let stuck = nodes.indices.filter { waitingOn[$0] > 0 }.prefix(5).map { nodes[$0].name }
            throw invalid("the nodes form a cycle (each waits for another): \(stuck.joined(separator: ", "))")
        }
        return order
    }
}

extension ModelFileConfiguration {
    /// A `Functional` model's graph in `config.json`, beside its `layers`:
    ///
    /// ```json
    /// "graph": {
    ///   "inputs": [{"name": "input", "shape": [32]}],
    ///   "nodes": [{"name": "dense", "layer": "dense", "inputs": ["input"]},
    ///             {"name": "add", "layer": "add", "inputs": ["input", "dense"]}],
    ///   "outputs": ["add"]
    /// }
    /// ```
    /// Every tensor is named: an input by its name, a node's output by the
    /// node's name (the layer's name for its first call, `dense#2` for the
    /// second call of a shared layer). A node lists the tensors it reads.
    struct Graph: Codable, Equatable {
        /// A model input and the shape of its examples.
        struct InputEntry: Codable, Equatable {
            var name: String
            var shape: [Int]
        }

        /// One layer call: the tensor it makes, the layer, the tensors it reads.
        struct NodeEntry: Codable, Equatable {
            var name: String
            var layer: String
            var inputs: [String]
        }

        var inputs: [InputEntry]
        var nodes: [NodeEntry]
        var outputs: [String]
    }
}

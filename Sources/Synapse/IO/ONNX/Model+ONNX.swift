import Foundation

extension Model {
    /// Writes the model as an ONNX file (opset 17, IR version 8) that
    /// onnxruntime and other ONNX tools can run, atomically.
    ///
    /// Supported: `Sequential` models (nested ones too), and subclassed
    /// models whose `call` is a plain chain of layers (see `layerChain()`), of Dense (Gemm, or
    /// MatMul + Add for inputs of rank > 2), activations (Relu, Sigmoid,
    /// Tanh, Softmax on the channel axis, LeakyRelu, Elu, Softplus, and swish
    /// and gelu as small subgraphs), Flatten, Reshape, Dropout (as
    /// Identity: the file is for inference), Conv2D and DepthwiseConv2D
    /// (Conv, `same` padding as explicit pads), MaxPool2D, AveragePool2D
    /// (`count_include_pad=0`), GlobalAveragePool2D, BatchNormalization (with
    /// the moving statistics), LayerNormalization, ZeroPadding2D (Pad) and
    /// UpSampling2D (Resize, nearest). Image layers run channels-first
    /// between Transposes, so the graph's input and output keep Synapse's
    /// channels-last layout. The graph input is `input` and
    /// the output `output`, both with a symbolic `batch` first axis; weights
    /// are initializers named like the model's parameters (`dense.kernel`).
    /// A `Functional` model exports its graph (with `Add` and `Concatenate`
    /// as Add and Concat): its inputs keep their names, and its outputs are
    /// `output` (one) or `output_0`, `output_1`, … (several).
    /// The model must be built.
    public func exportONNX(to url: URL) throws {
        try AtomicWrite.write(Data(try onnxBytes()), to: url)
    }

    /// The encoded ONNX model.
    func onnxBytes() throws -> [UInt8] {
        guard let inputShape else {
            throw LayerError.notBuilt(model: name, hint: "call build(inputShape:) or predict once before exporting")
        }
        if let functional = self as? Functional { return try functional.onnxGraphBytes() }
        var builder = ONNXGraphBuilder(inputName: "input", inputShape: inputShape)
        if let sequential = self as? Sequential {
            try builder.add(sequential)
        } else if let chain = layerChain() {
            try builder.add(chain)
        } else {
            throw ONNXExportError.notSequential(modelClass: ModelRegistry.className(of: type(of: self)))
        }
        builder.finish()
        builder.emit("Identity", "output", [builder.current], output: "output")
        let graph = ONNXProto.Graph(
            name: name, nodes: builder.nodes, initializers: builder.initializers,
            inputs: [.init(name: "input", dims: [nil] + inputShape.map { Optional($0) })],
            outputs: [.init(name: "output", dims: [nil] + builder.currentShape.map { Optional($0) })])
        return ONNXProto.Model(graph: graph, producerVersion: Synapse.version).encoded()
    }
}

extension Functional {
    /// The encoded ONNX model of the graph.
    func onnxGraphBytes() throws -> [UInt8] {
        var builder = ONNXGraphBuilder(inputName: inputs[0].name, inputShape: inputs[0].shape)
        let exported = try builder.add(self)
        let names = exported.count == 1 ? ["output"] : exported.indices.map { "output_\($0)" }
        for (tensor, name) in zip(exported, names) { builder.emit("Identity", name, [tensor.name], output: name) }
        let graph = ONNXProto.Graph(
            name: name, nodes: builder.nodes, initializers: builder.initializers,
            inputs: inputs.map { .init(name: $0.name, dims: [nil] + $0.shape.map { Optional($0) }) },
            outputs: zip(exported, names).map { .init(name: $1, dims: [nil] + $0.shape.map { Optional($0) }) })
        return ONNXProto.Model(graph: graph, producerVersion: Synapse.version).encoded()
    }
}

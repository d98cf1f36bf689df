import Foundation

extension Model {
    /// Writes the model as an ONNX file (opset 17, IR version 8) that
    /// onnxruntime and other ONNX tools can run, atomically.
    ///
    /// Supported: `Sequential` models (nested ones too) of Dense (Gemm, or
    /// MatMul + Add for inputs of rank > 2), activations (Relu, Sigmoid,
    /// Tanh, Softmax on the last axis, LeakyRelu, Elu, Softplus, and swish
    /// and gelu as small subgraphs), Flatten, Reshape, and Dropout (as
    /// Identity: the file is for inference). The graph input is `input` and
    /// the output `output`, both with a symbolic `batch` first axis; weights
    /// are initializers named like the model's parameters (`dense.kernel`).
    /// The model must be built.
    public func exportONNX(to url: URL) throws {
        try AtomicWrite.write(Data(try onnxBytes()), to: url)
    }

    /// The encoded ONNX model.
    func onnxBytes() throws -> [UInt8] {
        guard let sequential = self as? Sequential else {
            throw ONNXExportError.notSequential(modelClass: ModelRegistry.className(of: type(of: self)))
        }
        guard let inputShape else {
            throw LayerError.notBuilt(model: name, hint: "call build(inputShape:) or predict once before exporting")
        }
        var builder = ONNXGraphBuilder(inputName: "input", inputShape: inputShape)
        try builder.add(sequential)
        builder.emit("Identity", "output", [builder.current], output: "output")
        let graph = ONNXProto.Graph(
            name: name, nodes: builder.nodes, initializers: builder.initializers,
            inputs: [.init(name: "input", dims: [nil] + inputShape.map { Optional($0) })],
            outputs: [.init(name: "output", dims: [nil] + builder.currentShape.map { Optional($0) })])
        return ONNXProto.Model(graph: graph, producerVersion: Synapse.version).encoded()
    }
}

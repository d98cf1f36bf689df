/// Translates a `Sequential` into an ONNX graph, layer by layer, tracking
/// the current tensor's name, per-example shape and memory layout.
///
/// Synapse images are channels-last (NHWC); ONNX's Conv, pooling and
/// BatchNormalization are channels-first (NCHW). The builder transposes to
/// NCHW before the first such layer and back to NHWC before any layer that
/// works on the last axis (Flatten, Dense, Reshape, …), so flattening keeps
/// Synapse's (and Keras's) element order.
struct ONNXGraphBuilder {
    /// The memory layout of the current tensor.
    enum Layout {
        /// Synapse's own layout: channels last (or no channel axis).
        case synapse
        /// Images transposed to `[batch, channels, height, width]`.
        case channelsFirst
    }

    private(set) var nodes: [ONNXProto.Node] = []
    private(set) var initializers: [ONNXProto.TensorValue] = []
    /// The name of the tensor the next layer reads (set by a graph's
    /// export to the tensor each layer call reads).
    var current: String
    /// Its shape, batch axis excluded, in Synapse's channels-last layout
    /// whatever `layout` is.
    var currentShape: [Int]
    /// How the current tensor is laid out in the graph.
    var layout = Layout.synapse
    private var usedNames: Set<String> = []

    init(inputName: String, inputShape: [Int]) {
        current = inputName
        currentShape = inputShape
        usedNames.insert(inputName)
    }

    /// Adds every layer of `model`, in order (nested `Sequential`s inlined).
    mutating func add(_ model: Sequential, prefix: String = "") throws {
        for layer in model.layers {
            let name = prefix + layer.name
            if let nested = layer as? Sequential {
                try add(nested, prefix: name + ".")
                continue
            }
            try add(layer, named: name)
            currentShape = layer.outputShape ?? currentShape
        }
    }

    /// Appends each layer of a chain (a subclassed model's `layerChain()`).
    mutating func add(_ chain: [Layer]) throws {
        for layer in chain {
            try add(layer, named: layer.name)
            currentShape = layer.outputShape ?? currentShape
        }
    }

    /// Ends the graph in Synapse's layout, so outputs match `predict`'s.
    mutating func finish() {
        useSynapseLayout(before: "output")
    }

    mutating func add(_ layer: Layer, named name: String) throws {
        if try addConvolutional(layer, named: name) { return }
        if try addSequenceLayer(layer, named: name) { return }
        if !(layer is Dropout || layer is ActivationLayer) { useSynapseLayout(before: name) }
        if try addRecurrent(layer, named: name) { return }
        switch layer {
        case let dense as Dense:
            guard let kernel = dense.kernel else { preconditionFailure("ONNX export: Dense '\(name)' is not built") }
            let kernelName = constant(name + ".kernel", kernel.value)
            if currentShape.count == 1 {
                var inputs = [current, kernelName]
                if let bias = dense.bias { inputs.append(constant(name + ".bias", bias.value)) }
                emit("Gemm", name, inputs)
            } else {
                emit("MatMul", name + "/matmul", [current, kernelName])
                if let bias = dense.bias { emit("Add", name + "/bias", [current, constant(name + ".bias", bias.value)]) }
            }
            try addActivation(dense.activation, layer: name)
        case is Flatten:
            emit("Flatten", name, [current], attributes: [.int("axis", 1)])
        case let reshape as Reshape:
            // 0 copies the batch axis from the input.
            let shape = int64Constant(name + ".shape", [0] + reshape.targetShape.map(Int64.init))
            emit("Reshape", name, [current, shape])
        case is Dropout:
            emit("Identity", name, [current])
        case let activation as ActivationLayer:
            try addActivation(activation.activation, layer: name)
        default:
            throw ONNXExportError.unsupportedLayer(layer: name, type: String(describing: type(of: layer)))
        }
    }

    /// Emits the nodes of `activation` applied to the current tensor
    /// (softmax over the channel axis, wherever the layout puts it).
    mutating func addActivation(_ activation: Activation, layer name: String) throws {
        let input = current
        switch activation.name {
        case "linear": return
        case "relu": emit("Relu", name + "/relu", [input])
        case "sigmoid": emit("Sigmoid", name + "/sigmoid", [input])
        case "tanh": emit("Tanh", name + "/tanh", [input])
        case "softmax": emit("Softmax", name + "/softmax", [input], attributes: [.int("axis", layout == .channelsFirst ? 1 : -1)])
        case "leaky_relu": emit("LeakyRelu", name + "/leaky_relu", [input], attributes: [.float("alpha", 0.2)])
        case "elu": emit("Elu", name + "/elu", [input], attributes: [.float("alpha", 1)])
        case "softplus": emit("Softplus", name + "/softplus", [input])
        case "swish":
            emit("Sigmoid", name + "/swish_gate", [input])
            emit("Mul", name + "/swish", [input, current])
        case "gelu":
            // 0.5·x·(1 + erf(x / √2)), as Synapse computes it (opset 17 has no Gelu).
            emit("Div", name + "/gelu_scale", [input, constant(name + "/sqrt2", Tensor(Float(2).squareRoot()))])
            emit("Erf", name + "/gelu_erf", [current])
            emit("Add", name + "/gelu_shift", [current, constant(name + "/one", Tensor(1))])
            emit("Mul", name + "/gelu_gate", [input, current])
            emit("Mul", name + "/gelu", [current, constant(name + "/half", Tensor(0.5))])
        default:
            throw ONNXExportError.unsupportedActivation(layer: name, activation: activation.name)
        }
    }

    /// Appends a node reading `inputs`; its output (the first, when
    /// `moreOutputs` names others) becomes the current tensor.
    mutating func emit(_ opType: String, _ name: String, _ inputs: [String],
                       attributes: [ONNXProto.Attribute] = [], output: String? = nil, moreOutputs: [String] = []) {
        let nodeName = uniqueName(name)
        let outputName = output ?? nodeName + ":0"
        usedNames.insert(outputName)
        usedNames.formUnion(moreOutputs)
        nodes.append(.init(opType: opType, name: nodeName, inputs: inputs, outputs: [outputName] + moreOutputs,
                           attributes: attributes))
        current = outputName
    }

    /// Adds a float initializer and returns its name.
    mutating func constant(_ name: String, _ value: Tensor) -> String {
        let unique = uniqueName(name)
        initializers.append(.init(name: unique, dims: value.shape, floats: value.scalars))
        return unique
    }

    /// Adds a 1-D int64 initializer (shapes, pads) and returns its name.
    mutating func int64Constant(_ name: String, _ values: [Int64]) -> String {
        let unique = uniqueName(name)
        initializers.append(.init(name: unique, dims: [values.count], int64s: values, dataType: .int64))
        return unique
    }

    mutating func uniqueName(_ base: String) -> String {
        var candidate = base, suffix = 0
        while usedNames.contains(candidate) {
            suffix += 1
            candidate = "\(base)_\(suffix)"
        }
        usedNames.insert(candidate)
        return candidate
    }
}

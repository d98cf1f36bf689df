/// Translates a `Sequential` into an ONNX graph, layer by layer, tracking
/// the current tensor's name and per-example shape.
struct ONNXGraphBuilder {
    private(set) var nodes: [ONNXProto.Node] = []
    private(set) var initializers: [ONNXProto.TensorValue] = []
    /// The name of the tensor the next layer reads.
    private(set) var current: String
    /// Its shape, batch axis excluded (Synapse's channels-last layout).
    private(set) var currentShape: [Int]
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

    private mutating func add(_ layer: Layer, named name: String) throws {
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
            let shape = ONNXProto.TensorValue(name: uniqueName(name + ".shape"), dims: [reshape.targetShape.count + 1],
                                              int64s: [0] + reshape.targetShape.map(Int64.init), dataType: .int64)
            initializers.append(shape)
            emit("Reshape", name, [current, shape.name])
        case is Dropout:
            emit("Identity", name, [current])
        case let activation as ActivationLayer:
            try addActivation(activation.activation, layer: name)
        // Conv2D, MaxPool2D, AveragePool2D and BatchNormalization are added here
        // once branch `conv` lands: Transpose NHWC→NCHW before the first of them,
        // Conv/MaxPool/AveragePool/BatchNormalization in NCHW, and Transpose back
        // (NCHW→NHWC) before Flatten/Dense so the flattened order matches Synapse's.
        default:
            throw ONNXExportError.unsupportedLayer(layer: name, type: String(describing: type(of: layer)))
        }
    }

    /// Emits the nodes of `activation` applied to the current tensor.
    private mutating func addActivation(_ activation: Activation, layer name: String) throws {
        let input = current
        switch activation.name {
        case "linear": return
        case "relu": emit("Relu", name + "/relu", [input])
        case "sigmoid": emit("Sigmoid", name + "/sigmoid", [input])
        case "tanh": emit("Tanh", name + "/tanh", [input])
        case "softmax": emit("Softmax", name + "/softmax", [input], attributes: [.int("axis", -1)])
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

    /// Appends a node reading `inputs`; its output becomes the current tensor.
    mutating func emit(_ opType: String, _ name: String, _ inputs: [String],
                       attributes: [ONNXProto.Attribute] = [], output: String? = nil) {
        let nodeName = uniqueName(name)
        let outputName = output ?? nodeName + ":0"
        usedNames.insert(outputName)
        nodes.append(.init(opType: opType, name: nodeName, inputs: inputs, outputs: [outputName], attributes: attributes))
        current = outputName
    }

    /// Adds a float initializer and returns its name.
    private mutating func constant(_ name: String, _ value: Tensor) -> String {
        let unique = uniqueName(name)
        initializers.append(.init(name: unique, dims: value.shape, floats: value.scalars))
        return unique
    }

    private mutating func uniqueName(_ base: String) -> String {
        var candidate = base, suffix = 0
        while usedNames.contains(candidate) {
            suffix += 1
            candidate = "\(base)_\(suffix)"
        }
        usedNames.insert(candidate)
        return candidate
    }
}

/// The 1-D sequence layers' ONNX translations: Conv and MaxPool over
/// channels-first `[batch, channels, steps]` tensors (the builder transposes
/// to it), global pools as reductions over the steps.
extension ONNXGraphBuilder {
    /// Adds `layer` if it is a 1-D convolution or pooling layer; false for
    /// the other kinds.
    mutating func addSequenceLayer(_ layer: Layer, named name: String) throws -> Bool {
        switch layer {
        case let conv as Conv1D:
            guard let kernel = conv.kernel else { preconditionFailure("ONNX export: Conv1D '\(name)' is not built") }
            let pads = sequencePads(kernel: conv.kernelSize, stride: conv.strides, dilation: conv.dilationRate,
                                    padding: conv.padding)
            useChannelsFirstLayout(before: name)
            // [k, in, out] → [out, in, k].
            var inputs = [current, constant(name + ".kernel", kernel.value.permutedForONNX([2, 1, 0]))]
            if let bias = conv.bias { inputs.append(constant(name + ".bias", bias.value)) }
            emit("Conv", name, inputs, attributes: [
                .ints("kernel_shape", [Int64(conv.kernelSize)]), .ints("strides", [Int64(conv.strides)]),
                .ints("dilations", [Int64(conv.dilationRate)]), .ints("pads", [pads.before, pads.after].map(Int64.init)),
                .int("group", 1),
            ])
            try addActivation(conv.activation, layer: name)
        case let pool as MaxPool1D:
            let pads = sequencePads(kernel: pool.poolSize, stride: pool.strides, dilation: 1,
                                    padding: pool.padding == .same ? .same : .valid)
            useChannelsFirstLayout(before: name)
            emit("MaxPool", name, [current], attributes: [
                .ints("kernel_shape", [Int64(pool.poolSize)]), .ints("strides", [Int64(pool.strides)]),
                .ints("pads", [pads.before, pads.after].map(Int64.init)),
            ])
        case is GlobalAveragePool1D, is GlobalMaxPool1D:
            useSynapseLayout(before: name)
            emit(layer is GlobalMaxPool1D ? "ReduceMax" : "ReduceMean", name, [current],
                 attributes: [.ints("axes", [1]), .int("keepdims", 0)])
        default:
            return false
        }
        return true
    }

    /// The zeros before and after the current sequence for a window (Keras's
    /// rules: `same` puts the odd one after, `causal` all before).
    private func sequencePads(kernel: Int, stride: Int, dilation: Int, padding: Padding1D) -> (before: Int, after: Int) {
        switch padding {
        case .valid: return (0, 0)
        case .causal: return ((kernel - 1) * dilation, 0)
        case .same:
            return Self.padding(input: currentShape[0], kernel: kernel, stride: stride, dilation: dilation, padding: .same)
        }
    }
}

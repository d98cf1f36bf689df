/// The recurrent layers' ONNX translations: ONNX's RNN, LSTM and GRU nodes
/// (time-major, `layout` 0, the one onnxruntime runs, with transposes
/// around them), with Keras's weights rearranged to ONNX's:
/// kernels transposed to `[directions, gates·units, inputs]`, the LSTM's
/// gates reordered from i, f, c, o to ONNX's i, o, f, c, the GRU with
/// `linear_before_reset` (Keras's `reset_after`) and its two bias rows as
/// ONNX's input and recurrent biases.
extension ONNXGraphBuilder {
    /// Adds `layer` if it is a recurrent layer or a `Bidirectional` one;
    /// false for the other kinds.
    mutating func addRecurrent(_ layer: Layer, named name: String) throws -> Bool {
        switch layer {
        case let bidirectional as Bidirectional:
            guard bidirectional.mergeMode == .concat else {
                throw ONNXExportError.unsupportedLayer(
                    layer: name, type: "Bidirectional with mergeMode \(bidirectional.mergeMode.rawValue) (only concat exports)")
            }
            try addRecurrence([bidirectional.forwardLayer, bidirectional.backwardLayer], direction: "bidirectional",
                              named: name)
        case let recurrent as RecurrentLayer:
            // ONNX's reverse direction keeps outputs in input-time order; Keras's go_backwards reverses them.
            guard !(recurrent.goBackwards && recurrent.returnSequences) else {
                throw ONNXExportError.unsupportedLayer(layer: name, type: "\(type(of: recurrent)) with goBackwards and returnSequences")
            }
            try addRecurrence([recurrent], direction: recurrent.goBackwards ? "reverse" : "forward", named: name)
        default:
            return false
        }
        return true
    }

    /// One ONNX recurrent node over `directions` (one layer, or a forward and a backward one).
    private mutating func addRecurrence(_ directions: [RecurrentLayer], direction: String, named name: String) throws {
        let first = directions[0], units = first.units
        for layer in directions {
            guard layer.activation.name == "tanh", layer.kind == .simple || layer.recurrentActivation.name == "sigmoid" else {
                throw ONNXExportError.unsupportedActivation(
                    layer: name, activation: "\(layer.activation.name)/\(layer.recurrentActivation.name) (only tanh and sigmoid export)")
            }
            guard layer.kernel != nil, layer.recurrentKernel != nil else {
                preconditionFailure("ONNX export: \(type(of: layer)) '\(name)' is not built")
            }
        }
        // Keras's gate blocks in ONNX's order.
        let order = first.kind == .lstm ? [0, 3, 1, 2] : Array(0..<first.kind.gateCount)
        let weights = stack(directions.map { onnxGates($0.kernel!.value, order: order) })
        let recurrent = stack(directions.map { onnxGates($0.recurrentKernel!.value, order: order) })
        let biases = stack(directions.map { onnxBias($0, order: order) })
        let opType: String
        switch first.kind {
        case .simple: opType = "RNN"
        case .lstm: opType = "LSTM"
        case .gru: opType = "GRU"
        }
        var attributes: [ONNXProto.Attribute] = [.int("hidden_size", Int64(units)), .string("direction", direction)]
        if first.kind == .gru { attributes.append(.int("linear_before_reset", 1)) }
        emit("Transpose", name + "/time_major", [current], attributes: [.ints("perm", [1, 0, 2])])
        let inputs = [current, constant(name + ".W", weights), constant(name + ".R", recurrent),
                      constant(name + ".B", biases)]
        let finalState = name + "/Y_h"
        emit(opType, name, inputs, attributes: attributes, output: name + "/Y", moreOutputs: [finalState])
        // Y is [time, directions, batch, units], Y_h [directions, batch, units]: batch first, directions joined.
        let width = Int64(directions.count * units)
        if first.returnSequences {
            emit("Transpose", name + "/batch_major", [current], attributes: [.ints("perm", [2, 0, 1, 3])])
            emit("Reshape", name + "/sequence", [current, int64Constant(name + ".sequence_shape", [0, 0, width])])
        } else {
            emit("Transpose", name + "/batch_major", [finalState], attributes: [.ints("perm", [1, 0, 2])])
            emit("Reshape", name + "/last", [current, int64Constant(name + ".last_shape", [0, width])])
        }
    }

    /// `[rows, G·units]` (Keras) → `[G·units, rows]` with the gate blocks in `order`.
    private func onnxGates(_ kernel: Tensor, order: [Int]) -> Tensor {
        let rows = kernel.shape[0], gates = order.count, units = kernel.shape[1] / gates
        let blocks = kernel.reshaped(to: [rows, gates, units])
        return concatenate(order.map { blocks.slice(alongAxis: 1, $0..<($0 + 1)) }, alongAxis: 1)
            .permuted([1, 2, 0]).reshaped(to: [gates * units, rows])
    }

    /// ONNX's `[input bias, recurrent bias]` (`[2·G·units]`): the GRU's two
    /// rows, or the one bias and zeros.
    private func onnxBias(_ layer: RecurrentLayer, order: [Int]) -> Tensor {
        let width = layer.kind.gateCount * layer.units
        guard let bias = layer.bias?.value else { return Tensor.zeros([2 * width]) }
        let rows = layer.kind == .gru ? bias : stack([bias, Tensor.zeros([width])])
        return onnxGates(rows, order: order).transposed().reshaped(to: [2 * width])
    }
}

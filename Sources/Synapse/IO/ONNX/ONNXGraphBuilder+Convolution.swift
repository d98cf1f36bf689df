/// The image layers' ONNX translations. ONNX's Conv, pooling and
/// BatchNormalization read channels-first tensors, so the builder switches
/// the layout to NCHW before them (see `ONNXGraphBuilder`).
extension ONNXGraphBuilder {
    /// Adds `layer` if it is an image or normalisation layer; false for the
    /// other kinds, which `add(_:named:)` handles.
    mutating func addConvolutional(_ layer: Layer, named name: String) throws -> Bool {
        switch layer {
        case let conv as Conv2D:
            guard let kernel = conv.kernel else { preconditionFailure("ONNX export: Conv2D '\(name)' is not built") }
            useChannelsFirstLayout(before: name)
            // [kh, kw, in, out] → [out, in, kh, kw].
            let weight = constant(name + ".kernel", kernel.value.permutedForONNX([3, 2, 0, 1]))
            var inputs = [current, weight]
            if let bias = conv.bias { inputs.append(constant(name + ".bias", bias.value)) }
            emit("Conv", name, inputs, attributes: windowAttributes(
                kernel: conv.kernelSize, strides: conv.strides, dilation: conv.dilation, padding: conv.padding) + [.int("group", 1)])
            try addActivation(conv.activation, layer: name)
        case let conv as DepthwiseConv2D:
            guard let kernel = conv.kernel else { preconditionFailure("ONNX export: DepthwiseConv2D '\(name)' is not built") }
            useChannelsFirstLayout(before: name)
            // [kh, kw, in, multiplier] → [in · multiplier, 1, kh, kw]: output
            // channel c · multiplier + m convolves input channel c (one group each).
            let channels = kernel.shape[2]
            let permuted = kernel.value.permutedForONNX([2, 3, 0, 1])
            let weight = constant(name + ".kernel", permuted.reshaped(
                to: [channels * conv.depthMultiplier, 1, conv.kernelSize.height, conv.kernelSize.width]))
            var inputs = [current, weight]
            if let bias = conv.bias { inputs.append(constant(name + ".bias", bias.value)) }
            emit("Conv", name, inputs, attributes: windowAttributes(
                kernel: conv.kernelSize, strides: conv.strides, dilation: conv.dilation, padding: conv.padding)
                + [.int("group", Int64(channels))])
            try addActivation(conv.activation, layer: name)
        case let pool as MaxPool2D:
            useChannelsFirstLayout(before: name)
            emit("MaxPool", name, [current], attributes: windowAttributes(
                kernel: pool.poolSize, strides: pool.strides, dilation: 1, padding: pool.padding, includesDilation: false))
        case let pool as AveragePool2D:
            useChannelsFirstLayout(before: name)
            // Border windows of `same` pooling average only in-image pixels.
            emit("AveragePool", name, [current], attributes: windowAttributes(
                kernel: pool.poolSize, strides: pool.strides, dilation: 1, padding: pool.padding, includesDilation: false)
                + [.int("count_include_pad", 0)])
        case is GlobalAveragePool2D:
            useChannelsFirstLayout(before: name)
            emit("GlobalAveragePool", name, [current])
            // [batch, channels, 1, 1] → [batch, channels]: no channel axis left to move.
            emit("Flatten", name + "/flatten", [current], attributes: [.int("axis", 1)])
            layout = .synapse
        case let normalization as BatchNormalization:
            try addBatchNormalization(normalization, named: name)
        case let normalization as LayerNormalization:
            let (gamma, beta) = normalization.scaleAndOffsetValues
            useSynapseLayout(before: name)
            emit("LayerNormalization", name, [current, constant(name + ".gamma", gamma), constant(name + ".beta", beta)],
                 attributes: [.int("axis", -1), .float("epsilon", normalization.epsilon)])
        case let padding as ZeroPadding2D:
            useChannelsFirstLayout(before: name)
            // Begins then ends of [batch, channels, height, width].
            let pads = int64Constant(name + ".pads", [0, 0, padding.top, padding.left, 0, 0, padding.bottom, padding.right].map(Int64.init))
            emit("Pad", name, [current, pads])
        case let upsampling as UpSampling2D:
            useChannelsFirstLayout(before: name)
            // Nearest neighbour with whole-number scales: output pixel i copies input pixel ⌊i / scale⌋.
            let scales = constant(name + ".scales", Tensor([1, 1, Float(upsampling.size.height), Float(upsampling.size.width)]))
            emit("Resize", name, [current, "", scales], attributes: [
                .string("mode", "nearest"), .string("coordinate_transformation_mode", "asymmetric"),
                .string("nearest_mode", "floor"),
            ])
        default:
            return false
        }
        return true
    }

    /// BatchNormalization with the moving statistics (inference). Images use
    /// ONNX's BatchNormalization in NCHW, as do plain feature vectors
    /// (`[batch, features]`); other ranks, whose channels are last, use the
    /// equivalent per-channel scale and shift.
    private mutating func addBatchNormalization(_ layer: BatchNormalization, named name: String) throws {
        guard let gamma = layer.gamma, let beta = layer.beta, let mean = layer.movingMean, let variance = layer.movingVariance else {
            preconditionFailure("ONNX export: BatchNormalization '\(name)' is not built")
        }
        switch currentShape.count {
        case 3, 1:
            if currentShape.count == 3 { useChannelsFirstLayout(before: name) }
            emit("BatchNormalization", name, [
                current, constant(name + ".gamma", gamma.value), constant(name + ".beta", beta.value),
                constant(name + ".moving_mean", mean.value), constant(name + ".moving_variance", variance.value),
            ], attributes: [.float("epsilon", layer.epsilon)])
        default:
            useSynapseLayout(before: name)
            let scale = gamma.value / (variance.value + layer.epsilon).sqrt()
            let shift = beta.value - mean.value * scale
            emit("Mul", name + "/scale", [current, constant(name + ".scale", scale)])
            emit("Add", name, [current, constant(name + ".shift", shift)])
        }
    }

    /// Conv and pooling attributes; `same` padding becomes explicit pads,
    /// with the odd pixel after (bottom, right), as Keras and Synapse pad.
    private func windowAttributes(kernel: Size2D, strides: Size2D, dilation: Size2D, padding: Padding,
                                  includesDilation: Bool = true) -> [ONNXProto.Attribute] {
        let rows = Self.padding(input: currentShape[0], kernel: kernel.height, stride: strides.height,
                                dilation: dilation.height, padding: padding)
        let columns = Self.padding(input: currentShape[1], kernel: kernel.width, stride: strides.width,
                                   dilation: dilation.width, padding: padding)
        var attributes: [ONNXProto.Attribute] = [
            .ints("kernel_shape", [kernel.height, kernel.width].map(Int64.init)),
            .ints("strides", [strides.height, strides.width].map(Int64.init)),
            .ints("pads", [rows.before, columns.before, rows.after, columns.after].map(Int64.init)),
        ]
        if includesDilation { attributes.append(.ints("dilations", [dilation.height, dilation.width].map(Int64.init))) }
        return attributes
    }

    /// The padding before and after one axis (Keras's rule for `same`).
    static func padding(input: Int, kernel: Int, stride: Int, dilation: Int, padding: Padding) -> (before: Int, after: Int) {
        guard padding == .same else { return (0, 0) }
        let extent = (kernel - 1) * dilation + 1
        let output = (input + stride - 1) / stride
        let total = max((output - 1) * stride + extent - input, 0)
        return (total / 2, total - total / 2)
    }

    /// Transposes images to NCHW (sequences to NCW) unless they already are.
    mutating func useChannelsFirstLayout(before name: String) {
        guard layout == .synapse else { return }
        precondition(currentShape.count == 3 || currentShape.count == 2,
                     "ONNX export: '\(name)' needs [height, width, channels] images or [steps, channels] sequences, got \(currentShape)")
        let perm: [Int64] = currentShape.count == 3 ? [0, 3, 1, 2] : [0, 2, 1]
        emit("Transpose", name + "/to_nchw", [current], attributes: [.ints("perm", perm)])
        layout = .channelsFirst
    }

    /// Transposes NCHW images (NCW sequences) back to Synapse's channels-last
    /// layout, if they were moved.
    mutating func useSynapseLayout(before name: String) {
        guard layout == .channelsFirst else { return }
        let perm: [Int64] = currentShape.count == 3 ? [0, 2, 3, 1] : [0, 2, 1]
        emit("Transpose", name + "/to_nhwc", [current], attributes: [.ints("perm", perm)])
        layout = .synapse
    }
}

extension Tensor {
    /// A copy with the axes reordered: axis `i` of the result is axis
    /// `permutation[i]` of this tensor (as numpy's `transpose`).
    func permutedForONNX(_ permutation: [Int]) -> Tensor {
        precondition(permutation.sorted() == Array(0 ..< rank), "permutation \(permutation) does not match rank \(rank)")
        let source = scalars
        let newShape = permutation.map { shape[$0] }
        var sourceStrides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { sourceStrides[axis] = sourceStrides[axis + 1] * shape[axis + 1] }
        let strides = permutation.map { sourceStrides[$0] }
        var result = [Float](repeating: 0, count: source.count)
        var index = [Int](repeating: 0, count: rank)
        for position in result.indices {
            var offset = 0
            for axis in 0 ..< rank { offset += index[axis] * strides[axis] }
            result[position] = source[offset]
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < newShape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(shape: newShape, scalars: result)
    }
}

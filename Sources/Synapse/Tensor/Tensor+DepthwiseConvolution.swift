import CSynapseKernels

extension Tensor {
    /// Depthwise 2-D convolution of a `[batch, height, width, channels]` batch:
    /// each channel is convolved with its own `multiplier` filters from
    /// `kernel` `[kh, kw, channels, multiplier]` (Keras's layout), giving
    /// `channels · multiplier` outputs ordered channel-major; then `bias` is added.
    public func depthwiseConv2D(_ kernel: Tensor, bias: Tensor? = nil, strides: Size2D = 1,
                                padding: Padding = .valid, dilation: Size2D = 1) -> Tensor {
        precondition(kernel.rank == 4 && rank == 4 && kernel.shape[2] == shape[3],
                     "depthwiseConv2D: kernel \(kernel.shape) must be [kh, kw, \(rank == 4 ? shape[3] : 0), multiplier] for input \(shape)")
        var raw = windowGeometry(op: "depthwiseConv2D", kernel: Size2D(kernel.shape[0], kernel.shape[1]),
                                 strides: strides, dilation: dilation, padding: padding).raw
        let multiplier = kernel.shape[3]
        let outChannels = shape[3] * multiplier
        if let bias {
            precondition(bias.shape == [outChannels], "depthwiseConv2D: bias shape \(bias.shape) does not match \(outChannels) outputs")
        }
        let result = Tensor(uninitializedShape: [shape[0], raw.out_h, raw.out_w, outChannels])
        syn_conv_depthwise(storage.pointer, kernel.storage.pointer, result.storage.pointer, multiplier, &raw)
        let rows = shape[0] * raw.out_h * raw.out_w
        if let bias {
            syn_conv_bias_activation(result.storage.pointer, bias.storage.pointer, rows, outChannels, 0)
        }
        let needInput = requiresGradient, needKernel = kernel.requiresGradient
        let inputs = bias.map { [self, kernel, $0] } ?? [self, kernel]
        return Tensor.recording(result, inputs) { grad in
            var geometry = raw
            var grads: [Tensor?] = [nil, nil]
            if needInput {
                let dx = Tensor(uninitializedShape: self.shape)
                syn_conv_depthwise_backward_input(grad.storage.pointer, kernel.storage.pointer, dx.storage.pointer,
                                                  multiplier, &geometry)
                grads[0] = dx
            }
            if needKernel {
                let dk = Tensor(uninitializedShape: kernel.shape)
                syn_conv_depthwise_backward_kernel(grad.storage.pointer, self.storage.pointer, dk.storage.pointer,
                                                   multiplier, &geometry)
                grads[1] = dk
            }
            if bias != nil {
                grads.append(Tensor.biasActivationBackward(grad, output: result, rows: rows, channels: outChannels,
                                                           relu: false, needBias: true).bias)
            }
            return grads
        }
    }
}

import CSynapseKernels

/// Conv2D's per-example gradients: the convolution's own kernel-gradient
/// pass (im2col and one GEMM, Uᵢᵀ Gᵢ) run on each example's slice of the
/// batch's input and output gradient; the bias gradient sums Gᵢ over pixels.
extension Conv2D: PerExampleGradientRule {
    var ruleParameters: [Parameter] { [builtKernel, bias].compactMap { $0 } }

    func forwardWithDetachedParameters(_ input: Tensor) -> (output: Tensor, finish: (Tensor) -> Tensor) {
        let output = input.conv2D(builtKernel.value.detached(), bias: bias?.value.detached(), strides: strides,
                                  padding: padding, dilation: dilation)
        return (output, activation.callAsFunction)
    }

    func perExampleGradients(input: Tensor, outputGradient: Tensor) -> [Tensor] {
        let kernel = builtKernel.value
        var geometry = try! windowGeometry(for: Array(input.shape.dropFirst()), layer: name, kernel: kernelSize,
                                           strides: strides, dilation: dilation, padding: padding).raw
        let kernelGradients = perExampleKernelGradients(input: input, outputGradient: outputGradient,
                                                        kernelShape: kernel.shape) { x, gradient, kernelGradient in
            // With no ReLU the output is not read; the gradient stands in for it.
            syn_conv2d_backward(x, kernel.storage.pointer, gradient, gradient, filters, 0, nil, kernelGradient, nil, &geometry)
        }
        return useBias ? [kernelGradients, perExampleBiasGradients(outputGradient)] : [kernelGradients]
    }
}

/// Each example's bias gradient for a layer whose output gradient is
/// `[batch, …, channels]`: the sum over everything but the channels.
func perExampleBiasGradients(_ outputGradient: Tensor) -> Tensor {
    let batch = outputGradient.shape[0], channels = outputGradient.shape[outputGradient.rank - 1]
    return outputGradient.reshaped(to: [batch, -1, channels]).sum(alongAxis: 1)
}

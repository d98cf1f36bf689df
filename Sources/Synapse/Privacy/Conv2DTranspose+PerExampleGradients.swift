import CSynapseKernels

/// Conv2DTranspose's per-example gradients: example i's kernel gradient is
/// im2col(Gᵢ)ᵀ Xᵢ (its output gradient unfolded over the window, times its
/// input), one GEMM per example, as the layer's own backward pass does for
/// the whole batch.
extension Conv2DTranspose: PerExampleGradientRule {
    var ruleParameters: [Parameter] { [builtKernel, bias].compactMap { $0 } }

    func forwardWithDetachedParameters(_ input: Tensor) -> (output: Tensor, finish: (Tensor) -> Tensor) {
        let output = input.conv2DTranspose(builtKernel.value.detached(), bias: bias?.value.detached(),
                                           strides: strides, padding: padding, dilation: dilation)
        return (output, activation.callAsFunction)
    }

    func perExampleGradients(input: Tensor, outputGradient: Tensor) -> [Tensor] {
        let channels = input.shape[3]
        let kernel = builtKernel.value
        var geometry = Tensor.transposedConvolutionWindow(input: [1] + input.shape.dropFirst(), kernel: kernelSize,
                                                          filters: filters, strides: strides, padding: padding,
                                                          dilation: dilation)
        let pixels = input.shape[1] * input.shape[2], depth = kernel.count / channels
        let columns = Tensor(uninitializedShape: [pixels, depth])
        let kernelGradients = perExampleKernelGradients(input: input, outputGradient: outputGradient,
                                                        kernelShape: kernel.shape) { x, gradient, kernelGradient in
            syn_conv_im2col(gradient, columns.storage.pointer, &geometry)
            syn_sgemm(1, 0, depth, channels, pixels, 1, columns.storage.pointer, depth, x, channels, 0,
                      kernelGradient, channels)
        }
        withExtendedLifetime(columns) {}
        return useBias ? [kernelGradients, perExampleBiasGradients(outputGradient)] : [kernelGradients]
    }
}

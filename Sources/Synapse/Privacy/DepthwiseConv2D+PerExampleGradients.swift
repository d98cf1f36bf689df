import CSynapseKernels

/// DepthwiseConv2D's per-example gradients: the layer's own kernel-gradient
/// pass run on each example's slice of the batch's input and output gradient.
extension DepthwiseConv2D: PerExampleGradientRule {
    var ruleParameters: [Parameter] { [builtKernel, bias].compactMap { $0 } }

    func forwardWithDetachedParameters(_ input: Tensor) -> (output: Tensor, finish: (Tensor) -> Tensor) {
        let output = input.depthwiseConv2D(builtKernel.value.detached(), bias: bias?.value.detached(),
                                           strides: strides, padding: padding, dilation: dilation)
        return (output, activation.callAsFunction)
    }

    func perExampleGradients(input: Tensor, outputGradient: Tensor) -> [Tensor] {
        var geometry = try! windowGeometry(for: Array(input.shape.dropFirst()), layer: name, kernel: kernelSize,
                                           strides: strides, dilation: dilation, padding: padding).raw
        let kernelGradients = perExampleKernelGradients(input: input, outputGradient: outputGradient,
                                                        kernelShape: builtKernel.shape) { x, gradient, kernelGradient in
            syn_conv_depthwise_backward_kernel(gradient, x, kernelGradient, depthMultiplier, &geometry)
        }
        return useBias ? [kernelGradients, perExampleBiasGradients(outputGradient)] : [kernelGradients]
    }
}

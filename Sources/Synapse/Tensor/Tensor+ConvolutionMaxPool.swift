import CSynapseKernels

extension Tensor {
    /// `conv2D` followed by a 2×2, stride-2 `valid` max pool, in one pass:
    /// `maxPool2D(poolSize: 2)` of `conv2D(kernel, bias:, …, appliesReLU:)`,
    /// with the same values and the same gradients.
    ///
    /// The convolution's output is pooled a few images at a time while it is
    /// in cache and is never stored, nor is its gradient; `Sequential` uses
    /// this for a `Conv2D` followed by a `MaxPool2D(poolSize: 2)`.
    public func conv2DMaxPool2x2(_ kernel: Tensor, bias: Tensor? = nil, strides: Size2D = 1, padding: Padding = .valid,
                                 dilation: Size2D = 1, appliesReLU: Bool = false) -> Tensor {
        let (geometry, filters) = convolutionGeometry(op: "conv2DMaxPool2x2", kernel: kernel, bias: bias,
                                                      strides: strides, padding: padding, dilation: dilation)
        precondition(geometry.outputHeight >= 2 && geometry.outputWidth >= 2,
                     "conv2DMaxPool2x2: input \(shape): the convolution's output, \(geometry.outputHeight)×\(geometry.outputWidth), is smaller than the 2×2 pooling window")
        var raw = geometry.raw
        let result = Tensor(uninitializedShape: [shape[0], geometry.outputHeight / 2, geometry.outputWidth / 2, filters])
        let relu: Int32 = appliesReLU ? 1 : 0
        let inputs = bias.map { [self, kernel, $0] } ?? [self, kernel]
        // The winners are kept only for a backward pass.
        guard GradientMode.isEnabled, inputs.contains(where: \.requiresGradient) else {
            syn_conv2d_max_pool_forward(storage.pointer, kernel.storage.pointer, bias?.storage.pointer,
                                        result.storage.pointer, nil, filters, relu, &raw)
            return result
        }
        let winners = WinnerIndices(count: result.count)
        syn_conv2d_max_pool_forward(storage.pointer, kernel.storage.pointer, bias?.storage.pointer,
                                    result.storage.pointer, winners.pointer, filters, relu, &raw)
        let needInput = requiresGradient, needKernel = kernel.requiresGradient
        let inputShape = shape
        return Tensor.recording(result, inputs) { grad in
            var geometry = raw
            let inputGrad = needInput ? Tensor(uninitializedShape: inputShape) : nil
            let kernelGrad = needKernel ? Tensor(uninitializedShape: kernel.shape) : nil
            let biasGrad = bias != nil ? Tensor(uninitializedShape: [filters]) : nil
            syn_conv2d_max_pool_backward(self.storage.pointer, kernel.storage.pointer, result.storage.pointer,
                                         winners.pointer, grad.storage.pointer, filters, relu,
                                         inputGrad?.storage.pointer, kernelGrad?.storage.pointer,
                                         biasGrad?.storage.pointer, &geometry)
            var grads: [Tensor?] = [inputGrad, kernelGrad]
            if bias != nil { grads.append(biasGrad) }
            return grads
        }
    }
}

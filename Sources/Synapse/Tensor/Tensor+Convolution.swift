import CSynapseKernels

/// 2-D convolutions of channels-last (NHWC) batches, through the GEMM:
/// im2col unfolds the windows into rows, one matrix product applies every
/// filter, and the backward pass is two more products and a col2im. `conv2D`
/// does this a cache-sized chunk of pixels at a time (see
/// `syn_conv2d_forward`), so the unfolded rows never leave the cache.
extension Tensor {
    /// Convolves a `[batch, height, width, channels]` batch with `kernel`
    /// `[kh, kw, channels, filters]` (Keras's layout), adds `bias` `[filters]`
    /// and, with `appliesReLU`, applies max(0, ·) in the same pass.
    ///
    /// The output is `[batch, outHeight, outWidth, filters]`, with Keras's
    /// `valid`/`same` sizes. The input's gradient is computed only when the
    /// input needs one (not for the first layer of a network).
    public func conv2D(_ kernel: Tensor, bias: Tensor? = nil, strides: Size2D = 1, padding: Padding = .valid,
                       dilation: Size2D = 1, appliesReLU: Bool = false) -> Tensor {
        let (geometry, filters) = convolutionGeometry(op: "conv2D", kernel: kernel, bias: bias, strides: strides,
                                                      padding: padding, dilation: dilation)
        return convolved(kernel, bias: bias, window: geometry.raw, filters: filters,
                         outputShape: [shape[0], geometry.outputHeight, geometry.outputWidth, filters],
                         appliesReLU: appliesReLU)
    }

    /// The convolution both `conv2D` and `conv1D` run, for a window already
    /// checked against this tensor and `kernel`: `outputShape` holds
    /// `window.batch · out_h · out_w · filters` elements, whatever its rank
    /// (a 1-D convolution is one of height 1, with the same memory layout).
    func convolved(_ kernel: Tensor, bias: Tensor?, window raw: syn_window_geometry, filters: Int,
                   outputShape: [Int], appliesReLU: Bool) -> Tensor {
        var raw = raw
        // The C kernel unfolds the windows chunk by chunk (never the whole
        // batch at once) and applies bias and ReLU while the chunk is in cache.
        let result = Tensor(uninitializedShape: outputShape)
        syn_conv2d_forward(storage.pointer, kernel.storage.pointer, bias?.storage.pointer, result.storage.pointer,
                           filters, appliesReLU ? 1 : 0, &raw)
        let needInput = requiresGradient, needKernel = kernel.requiresGradient
        let needBias = bias != nil
        let inputShape = shape
        let inputs = bias.map { [self, kernel, $0] } ?? [self, kernel]
        return Tensor.recording(result, inputs) { grad in
            var geometry = raw
            let inputGrad = needInput ? Tensor(uninitializedShape: inputShape) : nil
            let kernelGrad = needKernel ? Tensor(uninitializedShape: kernel.shape) : nil
            let biasGrad = needBias ? Tensor(uninitializedShape: [filters]) : nil
            syn_conv2d_backward(self.storage.pointer, kernel.storage.pointer, result.storage.pointer,
                                grad.storage.pointer, filters, appliesReLU ? 1 : 0, inputGrad?.storage.pointer,
                                kernelGrad?.storage.pointer, biasGrad?.storage.pointer, &geometry)
            var grads: [Tensor?] = [inputGrad, kernelGrad]
            if bias != nil { grads.append(biasGrad) }
            return grads
        }
    }

    /// The transposed convolution (the gradient of `conv2D` with respect to
    /// its input), as Keras's `Conv2DTranspose`: `kernel` is
    /// `[kh, kw, filters, channels]` and each input pixel spreads over a
    /// window of the output, which is `strides` times larger.
    public func conv2DTranspose(_ kernel: Tensor, bias: Tensor? = nil, strides: Size2D = 1,
                                padding: Padding = .valid, dilation: Size2D = 1) -> Tensor {
        precondition(rank == 4, "conv2DTranspose: expected a [batch, height, width, channels] tensor, got shape \(shape)")
        precondition(kernel.rank == 4 && kernel.shape[3] == shape[3],
                     "conv2DTranspose: kernel \(kernel.shape) must be [kh, kw, filters, \(shape[3])] for input \(shape)")
        precondition(strides.isPositive && dilation.isPositive,
                     "conv2DTranspose: strides \(strides) and dilation \(dilation) must be positive")
        let (batch, height, width, channels) = (shape[0], shape[1], shape[2], shape[3])
        let kernelSize = Size2D(kernel.shape[0], kernel.shape[1])
        let filters = kernel.shape[2]
        if let bias {
            precondition(bias.shape == [filters], "conv2DTranspose: bias shape \(bias.shape) does not match \(filters) filters")
        }
        var raw = Tensor.transposedConvolutionWindow(input: shape, kernel: kernelSize, filters: filters,
                                                     strides: strides, padding: padding, dilation: dilation)
        let (outHeight, outWidth) = (raw.in_h, raw.in_w)
        let rows = batch * height * width
        let depth = kernel.count / channels
        let cols = Tensor(uninitializedShape: [rows, depth])
        syn_sgemm(0, 1, rows, depth, channels, 1, storage.pointer, channels,
                  kernel.storage.pointer, channels, 0, cols.storage.pointer, depth)
        let result = Tensor(uninitializedShape: [batch, outHeight, outWidth, filters])
        syn_conv_col2im(cols.storage.pointer, result.storage.pointer, &raw)
        withExtendedLifetime(cols) {}
        if let bias {
            syn_conv_bias_activation(result.storage.pointer, bias.storage.pointer, batch * outHeight * outWidth, filters, 0)
        }
        let needInput = requiresGradient, needKernel = kernel.requiresGradient
        let inputs = bias.map { [self, kernel, $0] } ?? [self, kernel]
        return Tensor.recording(result, inputs) { grad in
            var geometry = raw
            let colsGrad = Tensor(uninitializedShape: [rows, depth])
            syn_conv_im2col(grad.storage.pointer, colsGrad.storage.pointer, &geometry)
            var grads: [Tensor?] = [nil, nil]
            if needInput {
                let dx = Tensor(uninitializedShape: self.shape)
                syn_sgemm(0, 0, rows, channels, depth, 1, colsGrad.storage.pointer, depth,
                          kernel.storage.pointer, channels, 0, dx.storage.pointer, channels)
                grads[0] = dx
            }
            if needKernel {
                let dk = Tensor(uninitializedShape: kernel.shape)
                syn_sgemm(1, 0, depth, channels, rows, 1, colsGrad.storage.pointer, depth,
                          self.storage.pointer, channels, 0, dk.storage.pointer, channels)
                grads[1] = dk
            }
            if bias != nil {
                grads.append(Tensor.biasActivationBackward(grad, output: result, rows: batch * outHeight * outWidth,
                                                           channels: filters, relu: false, needBias: true).bias)
            }
            return grads
        }
    }

    /// The window of a transposed convolution of a `[batch, height, width,
    /// channels]` `input`: it runs over the output (`in_h`, `in_w` are the
    /// output's size), as the forward convolution it transposes would.
    static func transposedConvolutionWindow(input: [Int], kernel kernelSize: Size2D, filters: Int, strides: Size2D,
                                            padding: Padding, dilation: Size2D) -> syn_window_geometry {
        let (batch, height, width) = (input[0], input[1], input[2])
        let outHeight = WindowGeometry.transposedOutputLength(input: height, kernel: kernelSize.height, stride: strides.height,
                                                              dilation: dilation.height, padding: padding)
        let outWidth = WindowGeometry.transposedOutputLength(input: width, kernel: kernelSize.width, stride: strides.width,
                                                             dilation: dilation.width, padding: padding)
        let forward = Size2D(outHeight, outWidth)
        let padTop = try! WindowGeometry.axis(input: forward.height, kernel: kernelSize.height, stride: strides.height,
                                              dilation: dilation.height, padding: padding, axisName: "height").padBefore
        let padLeft = try! WindowGeometry.axis(input: forward.width, kernel: kernelSize.width, stride: strides.width,
                                               dilation: dilation.width, padding: padding, axisName: "width").padBefore
        return syn_window_geometry(
            batch: batch, in_h: outHeight, in_w: outWidth, channels: filters, out_h: height, out_w: width,
            kernel_h: kernelSize.height, kernel_w: kernelSize.width, stride_h: strides.height, stride_w: strides.width,
            dilation_h: dilation.height, dilation_w: dilation.width, pad_top: padTop, pad_left: padLeft)
    }

    /// The window geometry and filter count of convolving this batch with
    /// `kernel`; traps, naming `op`, when the kernel or bias does not fit.
    func convolutionGeometry(op: String, kernel: Tensor, bias: Tensor?, strides: Size2D, padding: Padding,
                             dilation: Size2D) -> (WindowGeometry, filters: Int) {
        precondition(kernel.rank == 4 && rank == 4 && kernel.shape[2] == shape[3],
                     "\(op): kernel \(kernel.shape) must be [kh, kw, \(rank == 4 ? shape[3] : 0), filters] for input \(shape)")
        let geometry = windowGeometry(op: op, kernel: Size2D(kernel.shape[0], kernel.shape[1]),
                                      strides: strides, dilation: dilation, padding: padding)
        let filters = kernel.shape[3]
        if let bias {
            precondition(bias.shape == [filters], "\(op): bias shape \(bias.shape) does not match \(filters) filters")
        }
        return (geometry, filters)
    }

    /// The gradient through a fused bias + optional ReLU: the masked output
    /// gradient and, when asked, the bias gradient.
    static func biasActivationBackward(_ grad: Tensor, output: Tensor, rows: Int, channels: Int,
                                       relu: Bool, needBias: Bool) -> (output: Tensor, bias: Tensor?) {
        guard relu || needBias else { return (grad, nil) }
        let masked = relu ? Tensor(uninitializedShape: grad.shape) : grad
        let biasGrad = needBias ? Tensor(uninitializedShape: [channels]) : nil
        syn_conv_bias_activation_backward(grad.storage.pointer, output.storage.pointer, masked.storage.pointer,
                                          biasGrad?.storage.pointer, rows, channels, relu ? 1 : 0)
        return (masked, biasGrad)
    }
}

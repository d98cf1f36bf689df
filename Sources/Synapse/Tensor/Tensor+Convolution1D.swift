/// 1-D convolution and pooling of `[batch, steps, channels]` sequences, run
/// by the 2-D kernels: a sequence is an image one row high, in the same
/// memory, so nothing is copied or reshaped on the way.
extension Tensor {
    /// Convolves a `[batch, steps, channels]` batch with `kernel`
    /// `[kernelSize, channels, filters]` (Keras's layout), adds `bias`
    /// `[filters]` and, with `appliesReLU`, applies max(0, ·) in the same pass.
    ///
    /// The output is `[batch, outSteps, filters]`, with Keras's sizes for
    /// `valid`, `same` and `causal` padding.
    public func conv1D(_ kernel: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Padding1D = .valid,
                       dilation: Int = 1, appliesReLU: Bool = false) -> Tensor {
        precondition(kernel.rank == 3 && rank == 3 && kernel.shape[1] == shape[2],
                     "conv1D: kernel \(kernel.shape) must be [kernelSize, \(rank == 3 ? shape[2] : 0), filters] for input \(shape)")
        let filters = kernel.shape[2]
        if let bias {
            precondition(bias.shape == [filters], "conv1D: bias shape \(bias.shape) does not match \(filters) filters")
        }
        let window = sequenceWindow(op: "conv1D", kernel: kernel.shape[0], stride: stride, dilation: dilation,
                                    padding: padding)
        return convolved(kernel, bias: bias, window: window.raw, filters: filters,
                         outputShape: [shape[0], window.outputSteps, filters], appliesReLU: appliesReLU)
    }

    /// The maximum of each `poolSize`-step window of a `[batch, steps,
    /// channels]` batch, moved by `stride` (default: `poolSize`). With
    /// `same` padding, padded positions never win.
    public func maxPool1D(poolSize: Int, stride: Int? = nil, padding: Padding = .valid) -> Tensor {
        precondition(rank == 3, "maxPool1D: expected a [batch, steps, channels] tensor, got shape \(shape)")
        let pooled = reshaped(to: [shape[0], 1, shape[1], shape[2]])
            .maxPool2D(poolSize: Size2D(1, poolSize), strides: Size2D(1, stride ?? poolSize), padding: padding)
        return pooled.reshaped(to: [shape[0], pooled.shape[2], shape[2]])
    }
}

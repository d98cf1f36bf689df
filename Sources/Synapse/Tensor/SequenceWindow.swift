import CSynapseKernels

/// Where a sliding window falls on a batch of `[batch, steps, channels]`
/// sequences: the 2-D window geometry of an image one row high, which is
/// the same memory, so 1-D convolution and pooling run the 2-D kernels.
struct SequenceWindow {
    /// The geometry in the form the C kernels take (`in_h` = `out_h` = 1).
    let raw: syn_window_geometry

    /// Output steps.
    var outputSteps: Int { raw.out_w }

    /// The window of `kernel` taps spaced `dilation` apart, moved by
    /// `stride`, over `steps`-long sequences; throws `WindowGeometry.Mismatch`
    /// when a `valid` window is longer than the sequence.
    init(batch: Int, steps: Int, channels: Int, kernel: Int, stride: Int, dilation: Int, padding: Padding1D) throws {
        let output: Int, padBefore: Int
        switch padding {
        case .valid, .same:
            (output, padBefore) = try WindowGeometry.axis(
                input: steps, kernel: kernel, stride: stride, dilation: dilation,
                padding: padding == .valid ? .valid : .same, axisName: "length")
        case .causal:
            guard steps >= 1 else { throw WindowGeometry.Mismatch(reason: "the input length is 0") }
            // Padded by the window's extent less one, the last window ends on the last step.
            (output, padBefore) = ((steps - 1) / stride + 1, (kernel - 1) * dilation)
        }
        raw = syn_window_geometry(
            batch: batch, in_h: 1, in_w: steps, channels: channels, out_h: 1, out_w: output,
            kernel_h: 1, kernel_w: kernel, stride_h: 1, stride_w: stride, dilation_h: 1, dilation_w: dilation,
            pad_top: 0, pad_left: padBefore)
    }
}

/// The `[steps, channels]` of a per-example sequence shape, or a thrown
/// `LayerError.incompatibleInput` naming `layer`.
func sequenceDimensions(_ inputShape: [Int], layer: String) throws -> (steps: Int, channels: Int) {
    guard inputShape.count == 2, inputShape.allSatisfy({ $0 > 0 }) else {
        throw LayerError.incompatibleInput(
            layer: layer, inputShape: inputShape,
            reason: "expected sequences [steps, channels] with every size positive; add Reshape([steps, 1]) for a single channel")
    }
    return (inputShape[0], inputShape[1])
}

/// The window for one example of `inputShape`, with a shape error naming
/// `layer` when the window does not fit.
func sequenceWindow(for inputShape: [Int], layer: String, kernel: Int, stride: Int, dilation: Int,
                    padding: Padding1D) throws -> SequenceWindow {
    let sequence = try sequenceDimensions(inputShape, layer: layer)
    do {
        return try SequenceWindow(batch: 1, steps: sequence.steps, channels: sequence.channels, kernel: kernel,
                                  stride: stride, dilation: dilation, padding: padding)
    } catch let mismatch as WindowGeometry.Mismatch {
        throw LayerError.incompatibleInput(layer: layer, inputShape: inputShape, reason: mismatch.reason)
    }
}

extension Tensor {
    /// Checks that this is a rank-3 `[batch, steps, channels]` batch and
    /// returns its window, stopping with `op`'s name when it is not or the
    /// window does not fit.
    func sequenceWindow(op: String, kernel: Int, stride: Int, dilation: Int, padding: Padding1D) -> SequenceWindow {
        precondition(rank == 3, "\(op): expected a [batch, steps, channels] tensor, got shape \(shape)")
        precondition(kernel > 0 && stride > 0 && dilation > 0,
                     "\(op): kernel \(kernel), stride \(stride) and dilation \(dilation) must be positive")
        do {
            return try SequenceWindow(batch: shape[0], steps: shape[1], channels: shape[2], kernel: kernel,
                                      stride: stride, dilation: dilation, padding: padding)
        } catch {
            preconditionFailure("\(op): input \(shape): \((error as! WindowGeometry.Mismatch).reason)")
        }
    }
}

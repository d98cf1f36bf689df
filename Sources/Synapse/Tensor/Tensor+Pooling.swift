import CSynapseKernels

/// Max and average pooling of channels-last (NHWC) batches.
extension Tensor {
    /// The maximum of each `poolSize` window, moved by `strides` (default:
    /// `poolSize`). With `same` padding, padded positions never win.
    public func maxPool2D(poolSize: Size2D, strides: Size2D? = nil, padding: Padding = .valid) -> Tensor {
        var raw = windowGeometry(op: "maxPool2D", kernel: poolSize, strides: strides ?? poolSize,
                                 dilation: 1, padding: padding).raw
        let result = Tensor(uninitializedShape: [shape[0], raw.out_h, raw.out_w, shape[3]])
        // The winners are kept only for a backward pass (inference skips writing them).
        guard GradientMode.isEnabled, requiresGradient else {
            syn_conv_max_pool(storage.pointer, result.storage.pointer, nil, &raw)
            return result
        }
        let winners = WinnerIndices(count: result.count)
        syn_conv_max_pool(storage.pointer, result.storage.pointer, winners.pointer, &raw)
        let inputShape = shape
        return Tensor.recording(result, self) { grad in
            var geometry = raw
            let dx = Tensor(uninitializedShape: inputShape)
            syn_conv_max_pool_backward(grad.storage.pointer, winners.pointer, dx.storage.pointer, &geometry)
            return dx
        }
    }

    /// The mean of each `poolSize` window, moved by `strides` (default:
    /// `poolSize`). With `same` padding, only in-image elements are averaged
    /// (as Keras does).
    public func averagePool2D(poolSize: Size2D, strides: Size2D? = nil, padding: Padding = .valid) -> Tensor {
        var raw = windowGeometry(op: "averagePool2D", kernel: poolSize, strides: strides ?? poolSize,
                                 dilation: 1, padding: padding).raw
        let result = Tensor(uninitializedShape: [shape[0], raw.out_h, raw.out_w, shape[3]])
        syn_conv_avg_pool(storage.pointer, result.storage.pointer, &raw)
        let inputShape = shape
        return Tensor.recording(result, self) { grad in
            var geometry = raw
            let dx = Tensor(uninitializedShape: inputShape)
            syn_conv_avg_pool_backward(grad.storage.pointer, dx.storage.pointer, &geometry)
            return dx
        }
    }
}

/// Which input element won each max-pooling window, kept for the backward pass.
final class WinnerIndices {
    let pointer: UnsafeMutablePointer<Int32>

    init(count: Int) {
        pointer = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(count, 1))
    }

    deinit { pointer.deallocate() }
}

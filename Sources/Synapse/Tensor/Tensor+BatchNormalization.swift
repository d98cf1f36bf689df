import CSynapseKernels

/// Batch normalisation over every axis but the last (channels), as Keras's
/// `BatchNormalization(axis: -1)` does in training.
extension Tensor {
    /// `scale · (x − mean) / √(variance + epsilon) + offset`, with the mean
    /// and the biased variance of each channel taken over the batch (and, for
    /// images, all pixels). Returns the output and those statistics (which
    /// carry no gradient), so a layer can update its moving averages.
    public func batchNormalized(scale: Tensor, offset: Tensor, epsilon: Float)
        -> (output: Tensor, mean: Tensor, variance: Tensor) {
        let channels = shape.last ?? 0
        precondition(rank >= 2 && channels > 0,
                     "batchNormalized: expected a tensor with a batch axis and channels last, got shape \(shape)")
        precondition(scale.shape == [channels] && offset.shape == [channels],
                     "batchNormalized: scale \(scale.shape) and offset \(offset.shape) must both be [\(channels)]")
        let rows = count / channels
        let mean = Tensor(uninitializedShape: [channels]), variance = Tensor(uninitializedShape: [channels])
        syn_conv_channel_moments(storage.pointer, rows, channels, mean.storage.pointer, variance.storage.pointer)
        let inverseDeviation = Tensor(uninitializedShape: [channels])
        let channelScale = Tensor(uninitializedShape: [channels]), channelShift = Tensor(uninitializedShape: [channels])
        for c in 0..<channels {
            let inverse = 1 / (variance.storage.pointer[c] + epsilon).squareRoot()
            inverseDeviation.storage.pointer[c] = inverse
            channelScale.storage.pointer[c] = scale.storage.pointer[c] * inverse
            channelShift.storage.pointer[c] = offset.storage.pointer[c] - mean.storage.pointer[c] * channelScale.storage.pointer[c]
        }
        let result = Tensor(uninitializedShape: shape)
        syn_conv_channel_affine(storage.pointer, result.storage.pointer, rows, channels,
                                channelScale.storage.pointer, channelShift.storage.pointer)
        let needInput = requiresGradient
        let output = Tensor.recording(result, [self, scale, offset]) { grad in
            let dScale = Tensor(uninitializedShape: [channels]), dOffset = Tensor(uninitializedShape: [channels])
            let dx = needInput ? Tensor(uninitializedShape: self.shape) : nil
            syn_conv_batch_norm_backward(self.storage.pointer, grad.storage.pointer, mean.storage.pointer,
                                         inverseDeviation.storage.pointer, scale.storage.pointer, dx?.storage.pointer,
                                         dScale.storage.pointer, dOffset.storage.pointer, rows, channels)
            return [dx, dScale, dOffset]
        }
        return (output, mean, variance)
    }
}

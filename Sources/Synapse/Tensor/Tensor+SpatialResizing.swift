import CSynapseKernels

/// Zero padding and nearest-neighbour up-sampling of channels-last batches.
extension Tensor {
    /// A `[batch, height, width, channels]` batch with `top`/`bottom` zero rows
    /// and `left`/`right` zero columns added around each image.
    public func zeroPadded2D(top: Int, bottom: Int, left: Int, right: Int) -> Tensor {
        precondition(rank == 4, "zeroPadded2D: expected a [batch, height, width, channels] tensor, got shape \(shape)")
        precondition(top >= 0 && bottom >= 0 && left >= 0 && right >= 0,
                     "zeroPadded2D: padding must not be negative, got top \(top) bottom \(bottom) left \(left) right \(right)")
        let inner = ImageBlock(batch: shape[0], height: shape[1], width: shape[2], channels: shape[3])
        let outer = ImageBlock(batch: inner.batch, height: inner.height + top + bottom,
                               width: inner.width + left + right, channels: inner.channels)
        let result = Tensor.zeros(outer.shape)
        inner.copy(from: storage.pointer, in: inner, at: (0, 0), to: result.storage.pointer, in: outer, at: (top, left))
        return Tensor.recording(result, self) { grad in
            let dx = Tensor(uninitializedShape: inner.shape)
            inner.copy(from: grad.storage.pointer, in: outer, at: (top, left), to: dx.storage.pointer, in: inner, at: (0, 0))
            return dx
        }
    }

    /// Each pixel repeated `size.height` times down and `size.width` times
    /// across (nearest-neighbour up-sampling, Keras's `UpSampling2D`).
    public func upsampledNearest2D(size: Size2D) -> Tensor {
        precondition(rank == 4, "upsampledNearest2D: expected a [batch, height, width, channels] tensor, got shape \(shape)")
        precondition(size.isPositive, "upsampledNearest2D: size \(size) must be positive")
        let (batch, height, width, channels) = (shape[0], shape[1], shape[2], shape[3])
        let result = Tensor(uninitializedShape: [batch, height * size.height, width * size.width, channels])
        syn_conv_upsample_nearest(storage.pointer, result.storage.pointer, batch, height, width, channels,
                                  size.height, size.width)
        let inputShape = shape
        return Tensor.recording(result, self) { grad in
            let dx = Tensor(uninitializedShape: inputShape)
            syn_conv_upsample_nearest_backward(grad.storage.pointer, dx.storage.pointer, batch, height, width, channels,
                                               size.height, size.width)
            return dx
        }
    }
}

/// The sizes of a batch of channels-last images, for copying rectangles
/// between batches of different image sizes.
private struct ImageBlock {
    let batch, height, width, channels: Int

    var shape: [Int] { [batch, height, width, channels] }

    /// Copies this block's `height × width` pixels of every image from
    /// `source` (laid out as `sourceLayout`, block starting at `sourceOrigin`)
    /// to `target` (laid out as `targetLayout`, block at `targetOrigin`).
    func copy(from source: UnsafePointer<Float>, in sourceLayout: ImageBlock, at sourceOrigin: (Int, Int),
              to target: UnsafeMutablePointer<Float>, in targetLayout: ImageBlock, at targetOrigin: (Int, Int)) {
        let rowLength = width * channels
        for image in 0..<batch {
            for row in 0..<height {
                let from = ((image * sourceLayout.height + sourceOrigin.0 + row) * sourceLayout.width + sourceOrigin.1) * channels
                let to = ((image * targetLayout.height + targetOrigin.0 + row) * targetLayout.width + targetOrigin.1) * channels
                (target + to).update(from: source + from, count: rowLength)
            }
        }
    }
}

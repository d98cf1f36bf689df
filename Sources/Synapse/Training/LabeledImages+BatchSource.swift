/// Image datasets stay as bytes; each batch is converted to floats in [0, 1]
/// as it is drawn, so a 60,000-image set costs 47 MB, not 188 MB.
extension LabeledImages: BatchSource {
    /// `[height, width]`, as Keras's MNIST arrays.
    public var inputShape: [Int] { [height, width] }

    /// Pixels scaled to [0, 1] and labels as class indices.
    public func batch(at indices: [Int]) -> (inputs: Tensor, targets: Tensor) {
        let inputs = Tensor(uninitializedShape: [indices.count, height, width])
        copyPixels(at: indices, into: inputs.storage.pointer)
        let targets = Tensor(uninitializedShape: [indices.count])
        for (row, index) in indices.enumerated() { targets.storage.pointer[row] = Float(labels[index]) }
        return (inputs, targets)
    }

    /// The same examples with a trailing channel axis, `[height, width, 1]`,
    /// as convolutional layers expect.
    public func withChannelAxis() -> some BatchSource { ChannelAxisBatchSource(base: self) }

    /// All images as one float tensor `[count, height, width]` in [0, 1].
    public var imageTensor: Tensor { batch(at: Array(0 ..< count)).inputs }

    /// All labels as one tensor of class indices `[count]`.
    public var labelTensor: Tensor { Tensor(labels.map(Float.init)) }
}

/// Another source's examples with a size-1 axis appended to each input.
struct ChannelAxisBatchSource<Base: BatchSource>: BatchSource {
    let base: Base
    var count: Int { base.count }
    var inputShape: [Int] { base.inputShape + [1] }
    func batch(at indices: [Int]) -> (inputs: Tensor, targets: Tensor) {
        let (inputs, targets) = base.batch(at: indices)
        return (inputs.reshaped(to: inputs.shape + [1]), targets)
    }
}

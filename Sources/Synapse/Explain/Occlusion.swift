/// Occlusion (Zeiler & Fergus, 2014): how much the class score drops when a
/// patch of the image is covered. A patch slides over the image; each pixel
/// gets the mean drop over the patches that covered it (as Captum's
/// `Occlusion`). Needs no gradient, so it works for any model, at the cost
/// of one forward pass per patch position; all positions run as batches.
public struct Occlusion: AttributionMethod {
    /// The patch's height and width (all channels are covered).
    public var patch: Size2D
    /// How far the patch moves each time.
    public var strides: Size2D
    /// The value a covered pixel takes.
    public var fill: Float

    /// Occlusion by `patch`-sized squares of `fill`, moved by `strides`.
    public init(patch: Size2D = 4, strides: Size2D = 2, fill: Float = 0) {
        self.patch = patch
        self.strides = strides
        self.fill = fill
    }

    /// `"occlusion"`.
    public var name: String { "occlusion" }

    /// The mean score drop per pixel, repeated over the input's channels.
    /// A pixel no patch covers (when the strides skip the image's edge) gets 0.
    public func attributions(for inputs: Tensor, classes: [Int], score: ClassScore) throws -> Tensor {
        let image = try imageSize(of: inputs, method: "occlusion")
        guard patch.height > 0, patch.width > 0, patch.height <= image.height, patch.width <= image.width else {
            throw ExplainError.invalidArgument(name: "patch", value: "\(patch)",
                                               expected: "between 1×1 and the image size \(image.height)×\(image.width)")
        }
        guard strides.height > 0, strides.width > 0 else {
            throw ExplainError.invalidArgument(name: "strides", value: "\(strides)", expected: "positive")
        }
        let x = inputs.detached()
        let exampleCount = x.shape[0], size = x.count / exampleCount
        let rowsOfPatches = (image.height - patch.height) / strides.height + 1
        let columnsOfPatches = (image.width - patch.width) / strides.width + 1
        let positions = rowsOfPatches * columnsOfPatches
        let clean = score.values(x, classes: classes)
        let pixels = image.height * image.width
        var drops = [Float](repeating: 0, count: exampleCount * pixels)
        var covers = [Float](repeating: 0, count: pixels)
        let chunk = max(score.maximumBatchSize, 1)
        let scalars = x.scalars
        let total = exampleCount * positions
        for first in stride(from: 0, to: total, by: chunk) {
            let rows = first..<min(first + chunk, total)
            var batch = [Float](repeating: 0, count: rows.count * size)
            for (offset, row) in rows.enumerated() {
                let example = row / positions
                batch.replaceSubrange((offset * size)..<((offset + 1) * size),
                                      with: scalars[(example * size)..<((example + 1) * size)])
                forEachPixel(ofPatch: row % positions, columns: columnsOfPatches, imageWidth: image.width) { pixel in
                    for channel in 0..<image.channels { batch[offset * size + pixel * image.channels + channel] = fill }
                }
            }
            var shape = x.shape
            shape[0] = rows.count
            let occluded = score.values(Tensor(shape: shape, scalars: batch), classes: rows.map { classes[$0 / positions] })
            for (offset, row) in rows.enumerated() {
                let example = row / positions
                let drop = clean[example] - occluded[offset]
                forEachPixel(ofPatch: row % positions, columns: columnsOfPatches, imageWidth: image.width) { pixel in
                    drops[example * pixels + pixel] += drop
                    if example == 0 { covers[pixel] += 1 }
                }
            }
        }
        let means = drops.indices.map { covers[$0 % pixels] > 0 ? drops[$0] / covers[$0 % pixels] : 0 }
        return spreadOverChannels(means, like: inputs, channels: image.channels)
    }

    /// Calls `body` with the index (y·width + x) of each pixel of patch `position`.
    private func forEachPixel(ofPatch position: Int, columns: Int, imageWidth: Int, _ body: (Int) -> Void) {
        let top = (position / columns) * strides.height, left = (position % columns) * strides.width
        for y in top..<(top + patch.height) {
            for x in left..<(left + patch.width) { body(y * imageWidth + x) }
        }
    }
}

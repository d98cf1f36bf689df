import CSynapseKernels

extension LabeledImages {
    /// Writes the images at `indices`, one after another, as `Float` pixels times `scale`
    /// (default 1/255, giving values in 0...1) into `destination`, which must have room for
    /// `indices.count × pixelsPerImage` values.
    /// - Precondition: every index is in `0..<count`.
    public func copyPixels(at indices: ArraySlice<Int>, into destination: UnsafeMutablePointer<Float>,
                           scale: Float = 1 / 255) {
        let pixels = pixelsPerImage
        let imageCount = count
        images.withUnsafeBufferPointer { source in
            let base = source.baseAddress!
            var output = destination
            for index in indices {
                precondition(index >= 0 && index < imageCount, "image index \(index) is out of range 0..<\(imageCount)")
                syn_bytes_to_floats(base + index * pixels, output, pixels, scale)
                output += pixels
            }
        }
    }

    /// Writes the images at `indices` as scaled `Float` pixels; see `copyPixels(at:into:scale:)`.
    public func copyPixels(at indices: [Int], into destination: UnsafeMutablePointer<Float>, scale: Float = 1 / 255) {
        copyPixels(at: indices[...], into: destination, scale: scale)
    }

    /// Writes the labels at `indices` as `Int32` class indices into `destination` (room for `indices.count`).
    public func copyLabels(at indices: ArraySlice<Int>, into destination: UnsafeMutablePointer<Int32>) {
        var output = destination
        for index in indices {
            output.pointee = Int32(labels[index])
            output += 1
        }
    }

    /// Writes the labels at `indices` as one-hot rows of `classCount` floats into `destination`
    /// (room for `indices.count × classCount`).
    public func copyOneHotLabels(at indices: ArraySlice<Int>, into destination: UnsafeMutablePointer<Float>) {
        let classes = classCount
        destination.update(repeating: 0, count: indices.count * classes)
        var row = 0
        for index in indices {
            destination[row * classes + Int(labels[index])] = 1
            row += 1
        }
    }
}

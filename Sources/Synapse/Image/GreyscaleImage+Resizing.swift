extension GreyscaleImage {
    /// The image scaled to `width × height` by bilinear interpolation, sampling at
    /// pixel centres (TensorFlow's `resize(method="bilinear", antialias=False)`,
    /// PyTorch's `align_corners=False`); values are rounded to the nearest level.
    /// - Precondition: `width` and `height` are positive.
    public func resized(width newWidth: Int, height newHeight: Int) -> GreyscaleImage {
        precondition(newWidth > 0 && newHeight > 0, "GreyscaleImage.resized: \(newWidth)×\(newHeight) must be positive")
        if newWidth == width && newHeight == height { return self }
        func taps(_ output: Int, from input: Int, to count: Int) -> (Int, Int, Float) {
            let position = Swift.max(0, (Float(output) + 0.5) * Float(input) / Float(count) - 0.5)
            let low = Swift.min(Int(position), input - 1)
            return (low, Swift.min(low + 1, input - 1), position - Float(low))
        }
        let columns = (0 ..< newWidth).map { taps($0, from: width, to: newWidth) }
        var output = [UInt8](repeating: 0, count: newWidth * newHeight)
        pixels.withUnsafeBufferPointer { source in
            for y in 0 ..< newHeight {
                let (top, bottom, fy) = taps(y, from: height, to: newHeight)
                for (x, (left, right, fx)) in columns.enumerated() {
                    let upper = Float(source[top * width + left]) * (1 - fx) + Float(source[top * width + right]) * fx
                    let lower = Float(source[bottom * width + left]) * (1 - fx) + Float(source[bottom * width + right]) * fx
                    output[y * newWidth + x] = UInt8((upper * (1 - fy) + lower * fy).rounded())
                }
            }
        }
        return GreyscaleImage(width: newWidth, height: newHeight, pixels: output)
    }
}

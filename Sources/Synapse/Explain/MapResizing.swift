/// How a coarse map (a Grad-CAM map of a late layer) is resized to the input's size.
public enum MapResizing: String, Sendable, CaseIterable {
    /// Each output pixel takes the nearest source pixel, as PyTorch's
    /// `interpolate(mode="nearest")` (Captum's default).
    case nearest
    /// Bilinear interpolation with pixel centres aligned, as PyTorch's
    /// `interpolate(mode="bilinear", align_corners=False)`: smoother pictures.
    case bilinear

    /// `maps` (`count` maps of `height × width`, row-major) resized to
    /// `outHeight × outWidth`.
    func resize(_ maps: [Float], count: Int, height: Int, width: Int, outHeight: Int, outWidth: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count * outHeight * outWidth)
        let scaleY = Float(height) / Float(outHeight), scaleX = Float(width) / Float(outWidth)
        for map in 0..<count {
            let source = map * height * width, target = map * outHeight * outWidth
            for y in 0..<outHeight {
                for x in 0..<outWidth {
                    let value: Float
                    switch self {
                    case .nearest:
                        let sy = min(Int(Float(y) * scaleY), height - 1), sx = min(Int(Float(x) * scaleX), width - 1)
                        value = maps[source + sy * width + sx]
                    case .bilinear:
                        let fy = max((Float(y) + 0.5) * scaleY - 0.5, 0), fx = max((Float(x) + 0.5) * scaleX - 0.5, 0)
                        let y0 = min(Int(fy), height - 1), x0 = min(Int(fx), width - 1)
                        let y1 = min(y0 + 1, height - 1), x1 = min(x0 + 1, width - 1)
                        let wy = fy - Float(y0), wx = fx - Float(x0)
                        let top = maps[source + y0 * width + x0] * (1 - wx) + maps[source + y0 * width + x1] * wx
                        let bottom = maps[source + y1 * width + x0] * (1 - wx) + maps[source + y1 * width + x1] * wx
                        value = top * (1 - wy) + bottom * wy
                    }
                    out[target + y * outWidth + x] = value
                }
            }
        }
        return out
    }
}

/// The height and width of image examples (`[h, w]` or `[h, w, channels]`),
/// or `ExplainError.notAnImage` naming `method`.
func imageSize(of inputs: Tensor, method: String) throws -> (height: Int, width: Int, channels: Int) {
    let example = Array(inputs.shape.dropFirst())
    switch example.count {
    case 2: return (example[0], example[1], 1)
    case 3: return (example[0], example[1], example[2])
    default: throw ExplainError.notAnImage(method: method, exampleShape: example)
    }
}

/// Per-pixel maps (`[N, h, w]` flattened) repeated over each input's
/// channels, as a tensor of the inputs' shape.
func spreadOverChannels(_ maps: [Float], like inputs: Tensor, channels: Int) -> Tensor {
    guard channels > 1 || inputs.rank == 4 else { return Tensor(shape: inputs.shape, scalars: maps) }
    var scalars = [Float](repeating: 0, count: maps.count * channels)
    for (pixel, value) in maps.enumerated() {
        for channel in 0..<channels { scalars[pixel * channels + channel] = value }
    }
    return Tensor(shape: inputs.shape, scalars: scalars)
}

/// Pictures of attribution maps: a heat map (a diverging colormap for signed
/// maps, a sequential one for absolute maps) and the heat map blended over
/// the input. A percentile clip, as Captum's visualisation does, keeps one
/// outlier from washing out the rest.
public enum AttributionPicture {
    /// The map's values as one per pixel: `[h, w]` or `[h, w, c]` (summed
    /// over channels), or a flat square map `[n²]`; nil for other shapes.
    public static func pixelMap(_ example: Tensor) -> (values: [Float], width: Int, height: Int)? {
        let shape = example.shape
        let values = example.scalars
        switch shape.count {
        case 1:
            let side = Int(Double(shape[0]).squareRoot().rounded())
            return side * side == shape[0] && side > 0 ? (values, side, side) : nil
        case 2: return (values, shape[1], shape[0])
        case 3:
            let channels = shape[2]
            let summed = (0..<(shape[0] * shape[1])).map { pixel in
                (0..<channels).reduce(Float(0)) { $0 + values[pixel * channels + $1] }
            }
            return (summed, shape[1], shape[0])
        default: return nil
        }
    }

    /// The magnitude below which `percentile`% of the total |value| lies
    /// (Captum's cumulative-sum threshold): values are shown relative to it,
    /// and the few beyond it saturate.
    public static func clipThreshold(_ values: [Float], percentile: Float = 98) -> Float {
        let sorted = values.map(abs).sorted()
        let total = sorted.reduce(0, +)
        guard total > 0 else { return 1 }
        var running: Float = 0
        for value in sorted {
            running += value
            if running >= total * percentile / 100 { return max(value, Float.leastNormalMagnitude) }
        }
        return sorted.last ?? 1
    }

    /// A heat map of `values` (`width × height`): signed maps on a diverging
    /// colormap (blue negative, white zero, red positive), absolute maps on a
    /// sequential one, both clipped at the `percentile` threshold.
    public static func heatMap(_ values: [Float], width: Int, height: Int, signed: Bool,
                               percentile: Float = 98) -> RGBImage {
        let threshold = clipThreshold(values, percentile: percentile)
        return signed
            ? .heatMap(values, width: width, height: height, colormap: .coolwarm, range: -threshold...threshold)
            : .heatMap(values.map(abs), width: width, height: height, colormap: .inferno, range: 0...threshold)
    }

    /// The heat map blended over `input` (the same size): the input is dimmed
    /// to `dimming` of its brightness, and each pixel mixes it with the map's
    /// colour in proportion to the clipped magnitude there (at most
    /// `opacity`), so unimportant pixels show the input and important ones
    /// stand out even on white strokes.
    public static func overlay(_ values: [Float], on input: RGBImage, signed: Bool, percentile: Float = 98,
                               opacity: Double = 0.9, dimming: Double = 0.45) -> RGBImage {
        precondition(values.count == input.width * input.height,
                     "AttributionPicture.overlay: \(values.count) values for a \(input.width)×\(input.height) image")
        let threshold = clipThreshold(values, percentile: percentile)
        let colors = heatMap(values, width: input.width, height: input.height, signed: signed, percentile: percentile)
        var blended = input
        for y in 0..<input.height {
            for x in 0..<input.width {
                let weight = opacity * Double(min(abs(values[y * input.width + x]) / threshold, 1))
                let base = input[x: x, y: y], heat = colors[x: x, y: y]
                func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
                    UInt8((Double(a) * dimming * (1 - weight) + Double(b) * weight).rounded())
                }
                blended[x: x, y: y] = RGBColor(red: mix(base.red, heat.red), green: mix(base.green, heat.green),
                                               blue: mix(base.blue, heat.blue))
            }
        }
        return blended
    }
}

extension RGBImage {
    /// A picture of one example: a tensor of shape `[1, height, width]`,
    /// `[1, height, width, 1 or 3]`, `[height, width]`, or a flat `[1, n²]`
    /// (a square image, as an MLP's input). Grey values are stretched from
    /// their minimum (black) to their maximum (white); three channels are
    /// read as RGB in [0, 1]. Nil for any other shape.
    public init?(picturing example: Tensor) {
        var shape = example.shape
        if shape.first == 1, shape.count >= 2 { shape.removeFirst() }
        let values = example.scalars
        switch shape.count {
        case 1:
            let side = Int(Double(shape[0]).squareRoot().rounded())
            guard side * side == shape[0], side > 0 else { return nil }
            self = RGBImage.heatMap(values, width: side, height: side, colormap: .greys, range: RGBImage.span(of: values))
        case 2 where shape[0] > 0 && shape[1] > 0:
            self = RGBImage.heatMap(values, width: shape[1], height: shape[0], colormap: .greys, range: RGBImage.span(of: values))
        case 3 where shape[2] == 1 && shape[0] > 0 && shape[1] > 0:
            self = RGBImage.heatMap(values, width: shape[1], height: shape[0], colormap: .greys, range: RGBImage.span(of: values))
        case 3 where shape[2] == 3 && shape[0] > 0 && shape[1] > 0:
            let bytes = values.map { UInt8((min(max($0, 0), 1) * 255).rounded()) }
            self = RGBImage(width: shape[1], height: shape[0], pixels: bytes)
        default:
            return nil
        }
    }

    /// The smallest range holding `values` (0…1 when they are all equal or none are finite).
    static func span(of values: [Float]) -> ClosedRange<Float> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), high > low else { return 0 ... 1 }
        return low ... high
    }
}

extension RGBImage {
    /// A `width × height` picture of `values` (row-major): each value is
    /// placed within `range` (clamped) and coloured by `colormap`. For signed
    /// values use a diverging map and a range symmetric about zero, so that
    /// zero lands on the map's centre.
    public static func heatMap(_ values: [Float], width: Int, height: Int,
                               colormap: Colormap, range: ClosedRange<Float>) -> RGBImage {
        precondition(values.count == width * height,
                     "RGBImage.heatMap: \(values.count) values do not make a \(width)×\(height) map")
        let span = Double(range.upperBound - range.lowerBound)
        var image = RGBImage(width: width, height: height)
        for y in 0 ..< height {
            for x in 0 ..< width {
                let value = Double(values[y * width + x] - range.lowerBound)
                image[x: x, y: y] = colormap.color(at: span > 0 ? value / span : 0.5)
            }
        }
        return image
    }
}

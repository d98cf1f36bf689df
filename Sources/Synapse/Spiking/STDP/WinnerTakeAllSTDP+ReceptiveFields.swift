extension WinnerTakeAllSTDP {
    /// Every neuron's incoming weights drawn as an image (`imageWidth`
    /// pixels wide), in a square grid, each tile scaled to its own
    /// maximum, with a one-pixel gap: what each neuron has learned to
    /// respond to. Tiles are enlarged `scale` times.
    public func receptiveFields(imageWidth: Int, scale: Int = 2) -> RGBImage {
        guard let weights = weights?.value else { preconditionFailure("WinnerTakeAllSTDP '\(name)': not built") }
        let features = weights.shape[0], height = features / Swift.max(imageWidth, 1)
        let columns = Int(Double(neurons).squareRoot().rounded(.up)), rows = (neurons + columns - 1) / columns
        var grid = RGBImage(width: columns * (imageWidth + 1) + 1, height: rows * (height + 1) + 1, fill: .white)
        let values = weights.scalars
        for neuron in 0..<neurons {
            let field = (0..<(imageWidth * height)).map { values[$0 * neurons + neuron] }
            let top = Swift.max(field.max() ?? 1, 1e-6)
            let tile = RGBImage.heatMap(field, width: imageWidth, height: height, colormap: .inferno, range: 0...top)
            grid.paste(tile, x: 1 + (neuron % columns) * (imageWidth + 1), y: 1 + (neuron / columns) * (height + 1))
        }
        return grid.scaled(by: scale)
    }
}

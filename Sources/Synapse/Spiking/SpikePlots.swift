/// Pictures of a spiking layer's activity, drawn with the project's image
/// code: a raster plot of spikes and membrane traces over time.
public enum SpikePlots {
    /// A raster plot of `spikes` `[steps, neurons]` (one example's layer;
    /// flatten the features first): time runs left to right, one row per
    /// neuron, a dark cell for each spike; each cell is `cell` pixels.
    public static func raster(_ spikes: Tensor, cell: Int = 3, title: String? = nil) -> RGBImage {
        precondition(spikes.rank == 2, "SpikePlots.raster: spikes \(spikes.shape) must be [steps, neurons]")
        let steps = spikes.shape[0], neurons = spikes.shape[1], values = spikes.scalars
        var plot = RGBImage(width: steps, height: neurons, fill: .white)
        for t in 0..<steps {
            for n in 0..<neurons where values[t * neurons + n] != 0 { plot[x: t, y: n] = .black }
        }
        let scaled = plot.scaled(by: Swift.max(cell, 1))
        return title.map { scaled.captioned($0) } ?? scaled
    }

    /// Membrane traces: `membrane` `[steps, neurons]`, one line per neuron
    /// (up to 8, in the viridis colours) against time, with the threshold
    /// as a grey line; `height` pixels tall, `stepWidth` pixels per step.
    public static func membraneTraces(_ membrane: Tensor, threshold: Float = 1, height: Int = 160, stepWidth: Int = 4,
                                      title: String? = nil) -> RGBImage {
        precondition(membrane.rank == 2, "SpikePlots.membraneTraces: membrane \(membrane.shape) must be [steps, neurons]")
        let steps = membrane.shape[0], neurons = Swift.min(membrane.shape[1], 8), values = membrane.scalars
        let all = values + [threshold, 0]
        let low = all.min() ?? 0, high = Swift.max(all.max() ?? 1, low + 1e-6)
        let width = Swift.max(steps - 1, 1) * stepWidth + 1
        var plot = RGBImage(width: width, height: height, fill: .white)
        let y = { (v: Float) -> Int in Int(((high - v) / (high - low) * Float(height - 1)).rounded()) }
        plot.drawLine(from: (0, y(threshold)), to: (width - 1, y(threshold)), color: RGBColor(red: 170, green: 170, blue: 170))
        for n in 0..<neurons {
            let color = Colormap.viridis.color(at: neurons > 1 ? Double(n) / Double(neurons - 1) * 0.85 : 0.3)
            for t in 1..<Swift.max(steps, 1) {
                let columns = membrane.shape[1]
                plot.drawLine(from: ((t - 1) * stepWidth, y(values[(t - 1) * columns + n])),
                              to: (t * stepWidth, y(values[t * columns + n])), color: color, thickness: 2)
            }
        }
        return title.map { plot.captioned($0) } ?? plot
    }
}

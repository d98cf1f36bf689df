import Foundation
import Synapse

/// For a spiking model saved to `savePath`: a raster plot of the first
/// spiking layer (its first 100 neurons) and the output membrane traces
/// for the first test image, beside the model as `<save>.raster.png` and
/// `<save>.membrane.png`. Returns the paths written (none for other models).
func writeSpikingPictures(_ model: Model, firstImage: Tensor, savePath: String) throws -> [String] {
    guard let network = model as? Sequential,
          let hidden = network.layers.lazy.compactMap({ $0 as? Leaky }).first,
          let output = network.layers.last(where: { $0 is Leaky }) as? Leaky, let steps = hidden.steps else { return [] }
    hidden.recordsTrace = true
    output.recordsTrace = true
    defer { hidden.recordsTrace = false; output.recordsTrace = false }
    _ = withoutGradients { model(firstImage) }
    guard let spikes = hidden.lastTrace?.spikes, let membrane = output.lastTrace?.membrane else { return [] }
    let neurons = spikes.count / steps, shown = min(100, neurons)
    let raster = spikes.reshaped(to: [steps, neurons]).slice(alongAxis: 1, 0 ..< shown)
    let traces = membrane.reshaped(to: [steps, membrane.count / steps])
    let paths = [savePath + ".raster.png", savePath + ".membrane.png"]
    try SpikePlots.raster(raster, cell: 4, title: "\(hidden.name): \(shown) neurons x \(steps) steps")
        .writePNG(to: URL(fileURLWithPath: paths[0]))
    try SpikePlots.membraneTraces(traces, threshold: output.initialThreshold, title: "\(output.name) membrane, \(steps) steps")
        .writePNG(to: URL(fileURLWithPath: paths[1]))
    return paths
}

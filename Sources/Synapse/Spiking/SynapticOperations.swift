/// The cost of one inference in operations, the usual energy proxy for
/// neuromorphic hardware: a spiking network's synaptic operations (each
/// spike reaching a weight layer costs one addition per synapse it fans out
/// to) beside the multiply-accumulates of the same network run as an
/// ordinary dense network once.
public struct SynapticOperations: Sendable, CustomStringConvertible {
    /// Synaptic operations per example: Σ over weight layers fed by spikes,
    /// over all steps, of spikes × fan-out.
    public let synapticOperations: Double
    /// MACs per example of the weight layers fed by real values (the first
    /// layer, on pixels), run once for a static input.
    public let inputMACs: Double
    /// MACs per example of the equivalent dense network: every weight
    /// layer once.
    public let denseMACs: Double
    /// The mean firing rate of the spiking layers' neurons per step.
    public let firingRate: Double

    /// Runs `model` on `inputs` (a batch) and counts, per example.
    public init(model: Sequential, inputs: Tensor) {
        let examples = Double(Swift.max(inputs.shape.first ?? 1, 1))
        var synaptic = 0.0, input = 0.0, dense = 0.0, spikes = 0.0, neuronSteps = 0.0
        var x = inputs, fedBySpikes = false, steps = 1
        withoutGradients {
            for layer in model.layers {
                let rows = Double(x.shape.first ?? 1)
                switch layer {
                case let dense1 as Dense:
                    let fanIn = Double(x.shape.last ?? 0), fanOut = Double(dense1.units)
                    dense += fanIn * fanOut * rows / Double(steps)
                    if fedBySpikes { synaptic += SynapticOperations.nonzero(x) * fanOut } else { input += fanIn * fanOut * rows }
                case let conv as Conv2D:
                    let out = layer(x)
                    let kernel = Double(conv.kernelSize.height * conv.kernelSize.width)
                    let positions = Double(out.count) / Double(conv.filters)
                    let macs = positions * Double(conv.filters) * kernel * Double(x.shape.last ?? 1)
                    dense += macs / Double(steps)
                    if fedBySpikes {
                        synaptic += SynapticOperations.nonzero(x) * Double(conv.filters) * kernel
                    } else {
                        input += macs
                    }
                    x = out
                    fedBySpikes = false
                    continue
                default: break
                }
                if let repeated = layer as? RepeatSteps { steps = repeated.steps }
                x = layer(x)
                if let neuron = layer as? Leaky {
                    fedBySpikes = neuron.output == .spikes
                    spikes += fedBySpikes ? SynapticOperations.nonzero(x) : 0
                    neuronSteps += fedBySpikes ? Double(x.count) : 0
                } else if layer is Dense || layer is TimeReadout {
                    fedBySpikes = false
                }
            }
        }
        synapticOperations = synaptic / examples
        inputMACs = input / examples
        denseMACs = dense / examples
        firingRate = neuronSteps > 0 ? spikes / neuronSteps : 0
    }

    private static func nonzero(_ x: Tensor) -> Double {
        x.withUnsafeBufferPointer { values in Double(values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }) }
    }

    /// Two lines: the spiking costs and the dense network's.
    public var description: String {
        let format = { (value: Double) in value >= 1e6 ? "\((value / 1e6 * 100).rounded() / 100) M" : "\((value / 1e3 * 10).rounded() / 10) k" }
        return "Synaptic operations per image: \(format(synapticOperations)) (spikes × fan-out; firing rate \((firingRate * 1000).rounded() / 10)% per neuron per step)"
            + " + \(format(inputMACs)) MACs on the input\n"
            + "Equivalent dense network: \(format(denseMACs)) MACs per image"
    }
}

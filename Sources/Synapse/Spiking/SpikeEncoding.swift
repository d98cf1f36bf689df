import Foundation

/// Turns values into spike trains, `[steps, …]` (snnTorch's `spikegen`).
public enum SpikeEncoding {
    /// Rate coding: at every step, each value x in [0, 1] fires with
    /// probability `gain`·x (Bernoulli). Throws for `steps` ≤ 0.
    public static func rate(_ values: Tensor, steps: Int, gain: Float = 1, seed: UInt64 = 0) throws -> Tensor {
        guard steps > 0 else { throw SpikingError.noTimeSteps(layer: "SpikeEncoding.rate", steps: steps) }
        var generator = SeededGenerator(seed: seed)
        let source = values.scalars
        var spikes = [Float](repeating: 0, count: steps * source.count)
        for t in 0..<steps {
            for (k, x) in source.enumerated() where x > 0 {
                spikes[t * source.count + k] = Float.random(in: 0..<1, using: &generator) < gain * x ? 1 : 0
            }
        }
        return Tensor(shape: [steps] + values.shape, scalars: spikes)
    }

    /// Latency coding: each value fires once, the larger the sooner, at
    /// step round(τ·ln(x / (x − threshold))) (when an RC neuron charged by
    /// x reaches the threshold; τ in steps), or at the last step if that
    /// is later; values at or below `threshold` never fire. Throws for
    /// `steps` ≤ 0, τ ≤ 0 or a threshold outside [0, 1).
    public static func latency(_ values: Tensor, steps: Int, tau: Float = 5, threshold: Float = 0.01) throws -> Tensor {
        guard steps > 0 else { throw SpikingError.noTimeSteps(layer: "SpikeEncoding.latency", steps: steps) }
        guard threshold >= 0 && threshold < 1, tau > 0 else {
            throw SpikingError.invalidArgument(layer: "SpikeEncoding.latency", argument: "threshold and tau",
                                               reason: "need 0 ≤ threshold < 1 and tau > 0")
        }
        let source = values.scalars
        var spikes = [Float](repeating: 0, count: steps * source.count)
        for (k, x) in source.enumerated() where x > threshold {
            let delay = tau * Foundation.log(x / (x - threshold))
            let step = Swift.min(steps - 1, Int(delay.rounded()))
            spikes[step * source.count + k] = 1
        }
        return Tensor(shape: [steps] + values.shape, scalars: spikes)
    }

    /// Delta modulation: for a sequence `[steps, …]`, a spike wherever the
    /// value rose by more than `threshold` since the previous step (the
    /// first step compares with zero); with `offSpikes`, −1 where it fell
    /// by more than that.
    public static func delta(_ sequence: Tensor, threshold: Float = 0.1, offSpikes: Bool = false) throws -> Tensor {
        guard sequence.rank >= 1, sequence.shape[0] > 0 else {
            throw SpikingError.missingTimeAxis(layer: "SpikeEncoding.delta", shape: sequence.shape)
        }
        let steps = sequence.shape[0], n = sequence.count / steps, source = sequence.scalars
        var spikes = [Float](repeating: 0, count: source.count)
        for t in 0..<steps {
            for k in 0..<n {
                let change = source[t * n + k] - (t > 0 ? source[(t - 1) * n + k] : 0)
                if change > threshold { spikes[t * n + k] = 1 } else if offSpikes && change < -threshold { spikes[t * n + k] = -1 }
            }
        }
        return Tensor(shape: sequence.shape, scalars: spikes)
    }
}

/// The state of a `WinnerTakeAllSTDP` layer while it is shown examples:
/// its own copy of the weights and threshold offsets, updated in place
/// when learning.
struct WinnerTakeAllSimulation {
    let features: Int, neurons: Int, steps: Int
    let beta: Float, threshold: Float, thresholdIncrement: Float, rate: Float, weightSum: Float
    let learning: Bool
    var rule: PairSTDP
    var weights: Tensor
    var offsets: Tensor
    private var membrane: [Float], preSpikes: [Float], postSpikes: [Float]

    init(layer: WinnerTakeAllSTDP, weights: Tensor, offsets: Tensor, learning: Bool) {
        features = weights.shape[0]
        neurons = layer.neurons
        steps = layer.steps
        beta = layer.beta
        threshold = layer.threshold
        thresholdIncrement = layer.thresholdIncrement
        rate = layer.rate
        weightSum = layer.weightSum
        self.learning = learning
        rule = layer.rule
        self.weights = weights
        self.offsets = offsets
        // Learning writes in place: into buffers of its own, never the layer's.
        if learning {
            self.weights.makeUniqueStorage()
            self.offsets.makeUniqueStorage()
        }
        membrane = Array(repeating: 0, count: neurons)
        preSpikes = Array(repeating: 0, count: features)
        postSpikes = Array(repeating: 0, count: neurons)
    }

    /// Shows one example for `steps` steps, adding each neuron's spikes to
    /// `counts`; returns how many spikes there were.
    mutating func run(_ pixels: UnsafeBufferPointer<Float>, rateScale: Float, counts: UnsafeMutablePointer<Float>,
                      generator: inout SeededGenerator) -> Int {
        rule.reset()
        for j in 0..<neurons { membrane[j] = 0 }
        var fired = 0
        let w = weights.storage.pointer
        let theta = offsets.storage.pointer
        for _ in 0..<steps {
            // Rate-coded input: a pixel fires with probability rate·intensity.
            for i in 0..<features {
                let p = Swift.min(1, pixels[i] * rate * rateScale)
                preSpikes[i] = p > 0 && Float.random(in: 0..<1, using: &generator) < p ? 1 : 0
            }
            membrane.withUnsafeMutableBufferPointer { v in
                for j in 0..<neurons { v[j] *= beta }
                for i in 0..<features where preSpikes[i] != 0 {
                    let row = weights.storage.pointer + i * neurons
                    for j in 0..<neurons { v[j] += row[j] }
                }
            }
            // Winner-take-all: the neuron furthest over its threshold fires,
            // and lateral inhibition resets every membrane.
            var winner = -1, margin: Float = 0
            for j in 0..<neurons {
                let over = membrane[j] - (threshold + theta[j])
                if over > margin { winner = j; margin = over }
            }
            for j in 0..<neurons { postSpikes[j] = 0 }
            if winner >= 0 {
                postSpikes[winner] = 1
                counts[winner] += 1
                fired += 1
                for j in 0..<neurons { membrane[j] = 0 }
                if learning { theta[winner] += thresholdIncrement }
            }
            if learning {
                preSpikes.withUnsafeBufferPointer { pre in
                    postSpikes.withUnsafeBufferPointer { post in
                        rule.accumulate(pre: pre, post: post, batch: 1, weights: w, into: w, clampingTo: 0...1)
                    }
                }
            }
        }
        if learning && fired > 0 {
            WinnerTakeAllSTDP.normalize(w, features: features, neurons: neurons, sum: weightSum)
        }
        return fired
    }
}

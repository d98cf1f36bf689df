/// An unsupervised spiking classifier after Diehl & Cook (2015), simplified:
/// one layer of leaky excitatory neurons driven by rate-coded (Bernoulli)
/// pixels, with winner-take-all lateral inhibition (the first neuron over
/// its threshold fires and resets every membrane), adaptive thresholds
/// (each spike raises the winner's threshold, so every neuron gets to
/// learn) and pair-based STDP with weight bounds; each neuron's incoming
/// weights are normalised to a fixed sum after every example.
///
/// It learns with `learn(_:)`, no labels involved. `assignLabels(_:labels:)`
/// then labels each neuron with the class it fires most for (its mean
/// spike count per class), and the layer's output is the vote: for each
/// class, the mean spike count of its neurons, normalised to sum to 1.
/// Input `[batch, features]` in [0, 1], output `[batch, classes]`.
/// `synapse train --model stdp` trains it on MNIST.
public final class WinnerTakeAllSTDP: Layer {
    /// The number of excitatory neurons.
    public let neurons: Int
    /// The number of classes the neurons are labelled with.
    public let classes: Int
    /// Time steps each example is shown for.
    public let steps: Int
    /// The membrane decay per step.
    public let beta: Float
    /// The base firing threshold, before adaptation.
    public let threshold: Float
    /// How much each spike raises the spiking neuron's threshold.
    public let thresholdIncrement: Float
    /// The firing probability per step of a pixel of intensity 1.
    public let rate: Float
    /// The sum each neuron's incoming weights are normalised to.
    public let weightSum: Float
    /// The seed of the input spikes (inference draws the same spikes every call).
    public let seed: UInt64
    /// The rate of soft-bounded potentiation (pre before post).
    public let potentiationRate: Float
    /// The rate of proportional depression (post before pre).
    public let depressionRate: Float
    /// The learning rule: soft-bounded potentiation, proportional depression.
    public let rule: PairSTDP
    /// The synaptic weights, `[features, neurons]` in [0, 1].
    public private(set) var weights: Parameter?
    /// The adaptive part of each neuron's threshold.
    public private(set) var thresholdOffsets: Parameter?
    /// Each neuron's class, or −1 before `assignLabels`.
    public private(set) var neuronLabels: Parameter?

    /// A layer of `neurons` neurons; throws for sizes or rates out of range.
    public init(neurons: Int = 400, classes: Int = 10, steps: Int = 50, beta: Float = 0.9, threshold: Float = 12,
                thresholdIncrement: Float = 0.2, rate: Float = 0.25, weightSum: Float = 78, seed: UInt64 = 0,
                potentiationRate: Float = 0.05, depressionRate: Float = 0.005) throws {
        guard neurons > 0, classes > 0 else {
            throw SpikingError.invalidArgument(layer: "WinnerTakeAllSTDP", argument: "neurons and classes", reason: "must be positive")
        }
        guard steps > 0 else { throw SpikingError.noTimeSteps(layer: "WinnerTakeAllSTDP", steps: steps) }
        guard beta >= 0 && beta <= 1 else { throw SpikingError.decayOutOfRange(layer: "WinnerTakeAllSTDP", name: "beta", value: beta) }
        guard rate > 0 && rate <= 1, threshold > 0, weightSum > 0, thresholdIncrement >= 0 else {
            throw SpikingError.invalidArgument(layer: "WinnerTakeAllSTDP", argument: "rate, threshold, weight sum",
                                               reason: "must be in (0, 1], positive and positive")
        }
        self.neurons = neurons
        self.classes = classes
        self.steps = steps
        self.beta = beta
        self.threshold = threshold
        self.thresholdIncrement = thresholdIncrement
        self.rate = rate
        self.weightSum = weightSum
        self.seed = seed
        self.potentiationRate = potentiationRate
        self.depressionRate = depressionRate
        rule = try PairSTDP(preTimeConstant: 4, postTimeConstant: 4,
                            potentiation: .softBound(rate: potentiationRate, maximum: 1),
                            depression: .proportional(depressionRate))
        super.init()
    }

    /// Random weights in [0, 0.3], normalised; zero threshold offsets; no labels.
    public override func build(inputShape: [Int]) throws {
        guard inputShape.count == 1, let features = inputShape.first, features > 0 else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShape, reason: "WinnerTakeAllSTDP needs [features]; add Flatten() before it")
        }
        var initial = Tensor.randomUniform([features, neurons], lower: 0, upper: 0.3)
        initial.withUnsafeMutableBufferPointer { WinnerTakeAllSTDP.normalize($0.baseAddress!, features: features, neurons: neurons, sum: weightSum) }
        weights = Parameter(initial, trainable: false)
        thresholdOffsets = Parameter(Tensor.zeros([neurons]), trainable: false)
        neuronLabels = Parameter(Tensor.filled([neurons], with: -1), trainable: false)
    }

    /// `[classes]`.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] { [classes] }

    /// The class votes for each example of `input` `[batch, features]`.
    public override func call(_ input: Tensor) -> Tensor {
        let counts = spikeCounts(input)
        return votes(fromCounts: counts)
    }

    /// Each neuron's spikes for each example, `[batch, neurons]`, with
    /// learning off; an example that makes no neuron fire is shown again
    /// at double, then four times the rate.
    public func spikeCounts(_ input: Tensor) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        var simulation = makeSimulation(learning: false)
        return present(input, simulation: &simulation, generator: &generator)
    }

    /// Shows every example of `input` `[examples, features]` once, in
    /// order, learning by STDP as it goes. Returns the mean spikes per example.
    @discardableResult
    public func learn(_ input: Tensor, generator: inout SeededGenerator) -> Double {
        if !isBuilt { try? buildOnce(inputShape: Array(input.shape.dropFirst())) }
        var simulation = makeSimulation(learning: true)
        let counts = present(input, simulation: &simulation, generator: &generator)
        weights?.value = simulation.weights
        thresholdOffsets?.value = simulation.offsets
        return Double(counts.sum().scalar) / Double(Swift.max(input.shape[0], 1))
    }

    /// Labels every neuron with the class whose examples make it fire most
    /// (mean spikes per example of that class); a neuron that never fires
    /// keeps −1 and does not vote.
    public func assignLabels(_ input: Tensor, labels: Tensor) {
        let counts = spikeCounts(input).scalars, targets = labels.scalars
        var response = [Double](repeating: 0, count: neurons * classes), seen = [Double](repeating: 0, count: classes)
        for (example, label) in targets.enumerated() {
            let c = Int(label)
            guard c >= 0 && c < classes else { continue }
            seen[c] += 1
            for j in 0..<neurons { response[j * classes + c] += Double(counts[example * neurons + j]) }
        }
        var assigned = [Float](repeating: -1, count: neurons)
        for j in 0..<neurons {
            var best = -1, bestValue = 0.0
            for c in 0..<classes where seen[c] > 0 {
                let mean = response[j * classes + c] / seen[c]
                if mean > bestValue { best = c; bestValue = mean }
            }
            assigned[j] = Float(best)
        }
        neuronLabels?.value = Tensor(assigned)
    }

    /// For each example and class, the mean spike count of the class's
    /// neurons, normalised to sum to 1 (uniform when nothing fired).
    func votes(fromCounts counts: Tensor) -> Tensor {
        let labels = neuronLabels?.value.scalars ?? [], batch = counts.shape[0]
        var members = [Float](repeating: 0, count: classes)
        for label in labels where label >= 0 { members[Int(label)] += 1 }
        var result = [Float](repeating: 0, count: batch * classes)
        counts.withUnsafeBufferPointer { counts in
            for example in 0..<batch {
                var total: Float = 0
                for j in 0..<neurons where labels[j] >= 0 {
                    let c = Int(labels[j])
                    result[example * classes + c] += counts[example * neurons + j] / members[c]
                }
                for c in 0..<classes { total += result[example * classes + c] }
                for c in 0..<classes { result[example * classes + c] = total > 0 ? result[example * classes + c] / total : 1 / Float(classes) }
            }
        }
        return Tensor(shape: [batch, classes], scalars: result)
    }

    /// Scales each neuron's incoming weights to sum to `sum`.
    static func normalize(_ weights: UnsafeMutablePointer<Float>, features: Int, neurons: Int, sum: Float) {
        var totals = [Float](repeating: 0, count: neurons)
        for i in 0..<features { for j in 0..<neurons { totals[j] += weights[i * neurons + j] } }
        for j in 0..<neurons { totals[j] = totals[j] > 0 ? sum / totals[j] : 0 }
        for i in 0..<features { for j in 0..<neurons { weights[i * neurons + j] *= totals[j] } }
    }

    /// The constructor arguments, for saving.
    public override var configuration: [String: ConfigurationValue] { savedArguments }

    private func makeSimulation(learning: Bool) -> WinnerTakeAllSimulation {
        guard let weights, let thresholdOffsets else { preconditionFailure("WinnerTakeAllSTDP '\(name)': not built") }
        return WinnerTakeAllSimulation(layer: self, weights: weights.value, offsets: thresholdOffsets.value, learning: learning)
    }

    private func present(_ input: Tensor, simulation: inout WinnerTakeAllSimulation, generator: inout SeededGenerator) -> Tensor {
        precondition(input.rank == 2 && input.shape[1] == simulation.features,
                     "WinnerTakeAllSTDP '\(name)': input \(input.shape) must be [batch, \(simulation.features)]")
        let batch = input.shape[0]
        let counts = Tensor.zeros([batch, neurons])
        input.withUnsafeBufferPointer { pixels in
            for example in 0..<batch {
                let row = UnsafeBufferPointer(rebasing: pixels[(example * simulation.features)..<((example + 1) * simulation.features)])
                let out = counts.storage.pointer + example * neurons
                for attempt in 0..<3 {
                    let fired = simulation.run(row, rateScale: Float(1 << attempt), counts: out, generator: &generator)
                    if fired > 0 { break }
                }
            }
        }
        return counts
    }
}

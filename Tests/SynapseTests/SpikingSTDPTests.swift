import XCTest
@testable import Synapse

/// Pair-based STDP (issue 13's exact step) and the winner-take-all network.
final class SpikingSTDPTests: XCTestCase {
    /// τ = 2, a pre spike at t = 0 and a post spike at t = 2, w = 0.4,
    /// f = clamp(w, −1, 1): the pre trace goes 1, 0.5, 0.25 and Δw = 0.1.
    func testPairRuleStep() throws {
        let clamp: STDPWeightScaling = .custom { Swift.min(1, Swift.max(-1, $0)) }
        var rule = try PairSTDP(preTimeConstant: 2, postTimeConstant: 2, potentiation: clamp, depression: clamp)
        let w = Tensor(shape: [1, 1], scalars: [0.4])
        var total: Float = 0, traces: [Float] = []
        for (pre, post) in [(Float(1), Float(0)), (0, 0), (0, 1)] {
            total += rule.step(pre: Tensor(shape: [1, 1], scalars: [pre]), post: Tensor(shape: [1, 1], scalars: [post]), weights: w).scalar
            traces.append(rule.preTrace[0])
        }
        XCTAssertEqual(traces, [1, 0.5, 0.25])
        XCTAssertEqual(total, 0.1, accuracy: 1e-7)
    }

    /// A post spike before a pre spike depresses: Δw = −f_pre(w)·tr_post.
    func testPostBeforePreDepresses() throws {
        var rule = try PairSTDP(preTimeConstant: 2, postTimeConstant: 2, potentiation: .constant(1), depression: .proportional(0.5))
        let w = Tensor(shape: [1, 1], scalars: [0.4])
        _ = rule.step(pre: Tensor(shape: [1, 1], scalars: [0]), post: Tensor(shape: [1, 1], scalars: [1]), weights: w)
        let change = rule.step(pre: Tensor(shape: [1, 1], scalars: [1]), post: Tensor(shape: [1, 1], scalars: [0]), weights: w)
        XCTAssertEqual(change.scalar, -0.5 * 0.4 * 0.5, accuracy: 1e-7)
    }

    func testTimeConstantBelowOneThrows() {
        XCTAssertThrowsError(try PairSTDP(preTimeConstant: 0.5, postTimeConstant: 2, potentiation: .constant(1), depression: .constant(1)))
    }

    /// Two patterns, two neurons: after learning, each neuron answers one
    /// pattern, the labels follow, and the vote classifies both.
    func testWinnerTakeAllLearnsTwoPatterns() throws {
        let layer = try WinnerTakeAllSTDP(neurons: 2, classes: 2, steps: 30, threshold: 2, thresholdIncrement: 0.2, rate: 0.5, weightSum: 4)
        var left = [Float](repeating: 0, count: 16), right = left
        for i in 0..<8 { left[i] = 1; right[8 + i] = 1 }
        let images = Tensor(shape: [40, 16], scalars: (0..<40).flatMap { $0 % 2 == 0 ? left : right })
        let labels = Tensor((0..<40).map { Float($0 % 2) })
        var generator = SeededGenerator(seed: 3)
        try layer.buildOnce(inputShape: [16])
        let before = layer.weights!.value
        for _ in 0..<3 { XCTAssertGreaterThan(layer.learn(images, generator: &generator), 0) }
        XCTAssertNotEqual(layer.weights!.value, before)
        layer.assignLabels(images, labels: labels)
        XCTAssertEqual(Set(layer.neuronLabels!.value.scalars), [0, 1])
        let votes = layer(Tensor(shape: [2, 16], scalars: left + right))
        XCTAssertEqual(votes.argmax(alongAxis: 1).scalars, [0, 1])
        let fields = layer.receptiveFields(imageWidth: 4, scale: 1)
        XCTAssertEqual(fields.width, 2 * 5 + 1)
        XCTAssertEqual(Array(fields.pngData().prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    }

    /// The layer saves and loads with its learned weights and labels, and
    /// with its STDP rates, so a loaded layer learns on as the saved one would.
    func testWinnerTakeAllRoundTrip() throws {
        let layer = try WinnerTakeAllSTDP(neurons: 3, classes: 2, steps: 5, potentiationRate: 0.02, depressionRate: 0.001)
        let model = Sequential([Flatten(), layer])
        try model.build(inputShape: [2, 2])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stdp-\(UUID()).synapse")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url)
        let loaded = try XCTUnwrap(try Model.load(from: url) as? Sequential)
        let copy = try XCTUnwrap(loaded.layers.last as? WinnerTakeAllSTDP)
        XCTAssertEqual(copy.weights?.value, layer.weights?.value)
        XCTAssertEqual(copy.steps, 5)
        XCTAssertEqual(copy.potentiationRate, 0.02)
        XCTAssertEqual(copy.depressionRate, 0.001)
    }
}

/// Synaptic operations against counts made by hand.
final class SpikingOperationsTests: XCTestCase {
    func testSynapticOperationsCountSpikesTimesFanOut() throws {
        Synapse.seed(5)
        let model = try Sequential.spikingMLP(hidden: 6, classes: 2, beta: 0.9, steps: 3)
        let images = randomTensor([4, 28, 28], seed: 9, lower: 0, upper: 1)
        _ = model(images)
        let costs = SynapticOperations(model: model, inputs: images)
        XCTAssertEqual(costs.denseMACs, 784 * 6 + 6 * 2)
        XCTAssertEqual(costs.inputMACs, 784 * 6)
        let hidden = try XCTUnwrap(model.layers[3] as? Leaky)
        hidden.recordsTrace = true
        _ = withoutGradients { model(images) }
        let spikes = try XCTUnwrap(hidden.lastTrace).spikes.sum().scalar
        XCTAssertGreaterThan(spikes, 0)
        XCTAssertEqual(costs.synapticOperations, Double(spikes) * 2 / 4)
        XCTAssertEqual(costs.firingRate, Double(spikes) / Double(3 * 4 * 6), accuracy: 1e-12)
    }
}

/// Raster and membrane pictures.
final class SpikingPlotTests: XCTestCase {
    func testRasterMarksEachSpike() {
        let spikes = Tensor(shape: [3, 2], scalars: [1, 0, 0, 1, 1, 1])
        let plot = SpikePlots.raster(spikes, cell: 2)
        XCTAssertEqual(plot.width, 6)
        XCTAssertEqual(plot.height, 4)
        XCTAssertEqual(plot[x: 0, y: 0], .black)
        XCTAssertEqual(plot[x: 0, y: 2], .white)
        XCTAssertEqual(plot[x: 2, y: 2], .black)
        XCTAssertEqual(Array(plot.pngData().prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    }

    func testMembraneTracesSpanTheValues() {
        let plot = SpikePlots.membraneTraces(Tensor(shape: [3, 1], scalars: [0, 0.5, 2]), threshold: 1, height: 21, stepWidth: 5)
        XCTAssertEqual(plot.width, 11)
        XCTAssertEqual(plot.height, 21)
        XCTAssertNotEqual(plot[x: 10, y: 0], .white, "the trace ends at the top, at its maximum")
    }
}

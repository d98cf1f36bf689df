import XCTest
@testable import Synapse

/// Dense, Flatten, Reshape, Dropout, Activation and the initializers.
/// Reference values computed with numpy (x @ w + b, then the activation).
final class CoreLayerTests: XCTestCase {
    let x = Tensor([[1, 2, 3], [-1, 0.5, 2]])
    let kernel = Tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]])
    let bias = Tensor([0.05, -0.1])

    func dense(_ activation: Activation) throws -> Dense {
        let layer = Dense(2, activation: activation)
        _ = layer(x)
        layer.kernel!.value = kernel
        layer.bias!.value = bias
        return layer
    }

    func testDenseMatchesNumpy() throws {
        assertClose(try dense(.linear)(x), Tensor([[-0.75, 2.3], [-0.9, 1.5]]))
        assertClose(try dense(.relu)(x), Tensor([[0, 2.3], [0, 1.5]]))
        assertClose(try dense(.sigmoid)(x), Tensor([[0.32082132, 0.9088771], [0.2890505, 0.8175745]]))
        assertClose(try dense(.softmax)(x), Tensor([[0.04521746, 0.9547826], [0.08317269, 0.9168273]]))
    }

    func testDenseInfersItsInputSizeAndAppliesToTheLastAxis() {
        let layer = Dense(4)
        XCTAssertFalse(layer.isBuilt)
        XCTAssertEqual(layer(Tensor.ones([2, 3, 5])).shape, [2, 3, 4])
        XCTAssertEqual(layer.kernel?.shape, [5, 4])
        XCTAssertEqual(layer.bias?.shape, [4])
        XCTAssertNil(Dense(3, useBias: false).bias)
    }

    func testDenseGradientsMatchFiniteDifferences() throws {
        let layer = try dense(.tanh)
        assertGradientsMatch(at: [x, kernel, bias]) { inputs in
            layer.kernel!.value = inputs[1]
            layer.bias!.value = inputs[2]
            return layer(inputs[0])
        }
    }

    func testFlattenKeepsRowMajorChannelsLastOrder() {
        let images = Tensor.range(to: 24).reshaped(to: [2, 2, 3, 2])
        let flat = Flatten()(images)
        XCTAssertEqual(flat.shape, [2, 12])
        XCTAssertEqual(flat.scalars, images.scalars)
        XCTAssertEqual(Reshape([3, -1])(flat).shape, [2, 3, 4])
    }

    func testDropoutScalesKeptValuesAndIsIdentityInInference() {
        Synapse.seed(4)
        let layer = Dropout(0.25)
        let input = Tensor.ones([100, 100])
        XCTAssertEqual(layer(input), input)
        layer.train()
        let output = layer(input).scalars
        let kept = output.filter { $0 != 0 }
        XCTAssertTrue(kept.allSatisfy { abs($0 - 1 / 0.75) < 1e-6 })
        XCTAssertEqual(Double(kept.count) / 10_000, 0.75, accuracy: 0.02)
    }

    func testDropoutKeepsExactlyTheDrawsBelowTheKeepFraction() {
        // keep = 0.7 puts the threshold between two integers: an off-by-one
        // in the branch-free test would flip some elements.
        for rate: Float in [0.3, 0.5, 0.9] {
            let layer = Dropout(rate)
            layer.train()
            Synapse.seed(11)
            var reference = GlobalRandom.generator
            let output = layer(Tensor.ones([64, 300])).scalars
            let expected = (0..<output.count).map { _ in reference.nextUnitFloat() < 1 - rate ? 1 / (1 - rate) : Float(0) }
            XCTAssertEqual(output, expected, "rate \(rate)")
        }
    }

    func testActivationLayerAndNamedActivations() {
        XCTAssertEqual(ActivationLayer(.relu)(Tensor([[-1, 2]])).scalars, [0, 2])
        for name in ["linear", "relu", "sigmoid", "tanh", "softmax", "leaky_relu", "elu", "gelu", "softplus", "swish"] {
            XCTAssertEqual(Activation.named(name)?.name, name)
        }
        XCTAssertNil(Activation.named("relu6"))
    }

    func testInitializersFollowKerasFans() {
        Synapse.seed(1)
        let shape = [200, 300]
        let glorotLimit = (6.0 / 500.0).squareRoot()
        let glorot = Initializer.glorotUniform(shape).scalars
        XCTAssertLessThanOrEqual(Double(glorot.map(abs).max()!), glorotLimit)
        XCTAssertGreaterThan(Double(glorot.map(abs).max()!), glorotLimit * 0.99)
        let he = Initializer.heNormal(shape).scalars
        let heStd = (he.map { Double($0 * $0) }.reduce(0, +) / Double(he.count)).squareRoot()
        // A normal truncated at 2σ and rescaled by 1/0.8796 keeps σ = √(2 / fanIn).
        XCTAssertEqual(heStd, (2.0 / 200.0).squareRoot(), accuracy: 0.003)
        XCTAssertLessThanOrEqual(Double(he.map(abs).max()!), 2 * (2.0 / 200.0).squareRoot() / 0.8796 + 1e-6)
        let lecun = Initializer.lecunUniform(shape).scalars
        XCTAssertLessThanOrEqual(Double(lecun.map(abs).max()!), (3.0 / 200.0).squareRoot())
        XCTAssertEqual(Initializer.zeros([3]).scalars, [0, 0, 0])
    }

    func testSummaryListsLayersShapesAndCounts() throws {
        let model = Sequential([Flatten(), Dense(128, activation: .relu), Dense(10, activation: .softmax)])
        try model.build(inputShape: [28, 28])
        let text = model.summaryText()
        XCTAssertTrue(text.contains("flatten (Flatten)"))
        XCTAssertTrue(text.contains("(None, 784)"))
        XCTAssertTrue(text.contains("100,480"))
        XCTAssertTrue(text.contains("Total params: 101,770"))
    }

    func testTrainAndEvalModesReachEveryLayer() {
        let inner = Dropout(0.5)
        let model = Sequential([Dense(2), Sequential([inner])])
        model.train()
        XCTAssertTrue(inner.isTraining)
        model.eval()
        XCTAssertFalse(inner.isTraining)
    }
}

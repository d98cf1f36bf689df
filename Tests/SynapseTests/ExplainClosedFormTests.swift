import XCTest
@testable import Synapse

/// f(x₁, x₂) = ReLU(ReLU(x₁) − 1 − ReLU(x₂)), Captum's own closed-form case.
private final class TwoReLUs: Model {
    override func call(_ x: Tensor) -> Tensor {
        let first = x.slice(alongAxis: 1, 0..<1).relu(), second = x.slice(alongAxis: 1, 1..<2).relu()
        return (first - 1 - second).relu()
    }
}

/// A convolution, global average pooling and a dense layer: the network for
/// which Grad-CAM is class activation mapping (CAM) up to a constant.
private final class CAMNetwork: Model {
    let conv = Conv2D(5, kernelSize: 3, activation: .relu)
    let pool = GlobalAveragePool2D()
    let dense = Dense(4)
    override func call(_ x: Tensor) -> Tensor { dense(pool(conv(x))) }
}

/// Attribution methods on models whose attributions are known in closed form.
final class ExplainClosedFormTests: XCTestCase {
    func testReLUExampleGivesCaptumsIntegratedGradients() throws {
        let model = TwoReLUs()
        let input = Tensor([[3, 1]])
        let method = IntegratedGradients(steps: 50, rule: .gaussLegendre)
        let score = ClassScore(model: model)
        let (attributions, deltas) = try method.attributionsWithDelta(for: input, classes: [0], score: score)
        XCTAssertEqual(attributions[0, 0], 1.5, accuracy: 1e-5)
        XCTAssertEqual(attributions[0, 1], -0.5, accuracy: 1e-5)
        XCTAssertEqual(deltas[0], 0, accuracy: 1e-5)
        // The left Riemann sum is not exact here (research/capabilities.md): (1.44, −0.48).
        let left = try IntegratedGradients(steps: 50, rule: .riemannLeft).attributions(for: input, classes: [0], score: score)
        XCTAssertEqual(left[0, 0], 1.44, accuracy: 1e-5)
        XCTAssertEqual(left[0, 1], -0.48, accuracy: 1e-5)
    }

    func testLinearModelIntegratedGradientsAndSaliencyAreExact() throws {
        let model = Sequential([Dense(3)])
        let inputs = Tensor.randomNormal([4, 5], seed: 1)
        try model.buildIfNeeded(inputShape: [5])
        let kernel = model.parameters[0].value
        let baseline = Tensor.randomNormal([5], seed: 2)
        for rule in IntegrationRule.allCases {
            let attributions = try model.attributions(for: inputs, method: IntegratedGradients(steps: 7, rule: rule, baseline: baseline),
                                                      target: .index(2))
            // IGᵢ = (xᵢ − x′ᵢ)·wᵢ for every rule: the gradient is constant along the path.
            let weightSum = rule.points(steps: 7).weights.reduce(0, +)
            let expected = (inputs - baseline) * kernel.slice(alongAxis: 1, 2..<3).reshaped(to: [5]) * Float(weightSum)
            assertClose(attributions, expected, tolerance: 1e-5, rule.rawValue)
        }
        let saliency = try model.attributions(for: inputs, method: Saliency(), target: .index(1))
        let w = kernel.slice(alongAxis: 1, 1..<2).reshaped(to: [1, 5]).abs().broadcast(to: [4, 5])
        assertClose(saliency, w, tolerance: 1e-6)
        let gradientTimesInput = try model.attributions(for: inputs, method: GradientTimesInput(), target: .index(1))
        assertClose(gradientTimesInput, inputs * kernel.slice(alongAxis: 1, 1..<2).reshaped(to: [5]), tolerance: 1e-6)
    }

    func testRiemannRulesMatchCaptumsPoints() {
        let trapezoid = IntegrationRule.riemannTrapezoid.points(steps: 4)
        XCTAssertEqual(trapezoid.alphas, [0, 1.0 / 3, 2.0 / 3, 1])
        XCTAssertEqual(trapezoid.weights, [0.125, 0.25, 0.25, 0.125])
        XCTAssertEqual(IntegrationRule.riemannMiddle.points(steps: 2).alphas, [0.25, 0.75])
        let gauss = IntegrationRule.gaussLegendre.points(steps: 3)
        XCTAssertEqual(gauss.weights.reduce(0, +), 1, accuracy: 1e-14)
        XCTAssertEqual(gauss.alphas[0], 0.5 * (1 - (0.6 as Double).squareRoot()), accuracy: 1e-14)
        XCTAssertEqual(gauss.weights[1], 4.0 / 9, accuracy: 1e-14)
    }

    func testGradCAMOfConvGlobalPoolDenseIsCAM() throws {
        let model = CAMNetwork()
        let inputs = Tensor.randomUniform([2, 7, 7, 2], seed: 3)
        let score = ClassScore(model: model)
        let classes = try score.resolve(.indices([1, 3]), for: inputs)
        let maps = try GradCAM(layer: "conv", appliesReLU: false).layerMaps(for: inputs, classes: classes, score: score)
        // CAM: Σ_k w_{k,c} A_k, from the activations and the dense kernel.
        let activations = withoutGradients { model.conv(inputs) }
        let kernel = model.dense.kernel!.value
        for (example, target) in classes.enumerated() {
            let weights = kernel.slice(alongAxis: 1, target..<(target + 1)).reshaped(to: [5])
            let cam = (activations[example..<(example + 1)] * weights).sum(alongAxis: 3).scalars
            let gradCAM = Array(maps.values[(example * 25)..<((example + 1) * 25)])
            // Equal up to the scale 1 / (h·w) = 1/25.
            for (a, b) in zip(gradCAM, cam) { XCTAssertEqual(a * 25, b, accuracy: 1e-5 * max(1, abs(b))) }
        }
    }

    func testSmoothGradOfALinearModel() throws {
        let model = Sequential([Dense(2)])
        let inputs = Tensor.randomNormal([3, 6], seed: 4)
        try model.buildIfNeeded(inputShape: [6])
        let w = model.parameters[0].value.slice(alongAxis: 1, 0..<1).reshaped(to: [6])
        // The gradient is the same at every noisy copy: SmoothGrad of saliency is |w|.
        let smooth = try model.attributions(for: inputs, method: SmoothGrad(Saliency(), samples: 8), target: .index(0))
        assertClose(smooth, w.abs().expandingShape(at: 0).broadcast(to: [3, 6]), tolerance: 1e-6)
        let squared = try model.attributions(for: inputs, method: SmoothGrad(Saliency(), samples: 8, variant: .smoothGradSquared),
                                             target: .index(0))
        assertClose(squared, (w * w).expandingShape(at: 0).broadcast(to: [3, 6]), tolerance: 1e-6)
        // VarGrad of gradient × input is w²·Var(noise) ≈ w²σ².
        let sigma: Float = 0.5
        let variance = try model.attributions(
            for: inputs, method: SmoothGrad(GradientTimesInput(), samples: 4000, noise: .absolute(sigma), variant: .varGrad),
            target: .index(0))
        let expected = (w * w * (sigma * sigma)).expandingShape(at: 0).broadcast(to: [3, 6])
        for (a, e) in zip(variance.scalars, expected.scalars) { XCTAssertEqual(a, e, accuracy: 0.08 * e + 1e-6) }
        // No noise: SmoothGrad is the method itself.
        let plain = try model.attributions(for: inputs, method: GradientTimesInput(), target: .index(0))
        let noiseless = try model.attributions(for: inputs, method: SmoothGrad(GradientTimesInput(), samples: 3, noise: .absolute(0)),
                                               target: .index(0))
        assertClose(noiseless, plain, tolerance: 1e-6)
    }

    func testOcclusionOfALinearModelIsWeightTimesCoveredValue() throws {
        // Covering one pixel at a time with 0 drops the score by w·x there.
        let model = Sequential([Flatten(), Dense(2)])
        let inputs = Tensor.randomUniform([2, 3, 4], seed: 5)
        try model.buildIfNeeded(inputShape: [3, 4])
        let attributions = try model.attributions(for: inputs, method: Occlusion(patch: 1, strides: 1), target: .index(1))
        let expected = try model.attributions(for: inputs, method: GradientTimesInput(), target: .index(1))
        assertClose(attributions, expected, tolerance: 1e-5)
    }
}

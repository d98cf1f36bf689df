import XCTest
@testable import Synapse

/// Every attribution method against Captum on the same weights and inputs
/// (Fixtures/explain/make_captum_fixtures.py), to 1e-4 relative.
final class ExplainCaptumTests: XCTestCase {
    private func fixture() throws -> ExplainFixtureDocument {
        try XCTUnwrap(ExplainFixtureDocument.shared, "Fixtures/explain/captum_fixtures.json is missing or unreadable")
    }

    /// Runs `method` on the fixture model of each case named `methodName`
    /// and compares with Captum.
    private func check(_ methodName: String, model modelName: String? = nil,
                       file: StaticString = #filePath, line: UInt = #line,
                       _ makeMethod: (ExplainFixtureDocument.Case) throws -> any AttributionMethod) throws {
        let document = try fixture()
        let cases = document.cases.filter { $0.method == methodName && (modelName == nil || $0.model == modelName) }
        XCTAssertFalse(cases.isEmpty, "no Captum case for \(methodName)", file: file, line: line)
        for reference in cases {
            let model = try document.model(reference.model)
            let record = try XCTUnwrap(document.models[reference.model == "convnet" ? "convnet" : "mlp"])
            let source: ScoreSource = reference.model == "mlp_softmax" ? .output : .logits
            let attributions = try model.attributions(for: record.inputs.tensor, method: makeMethod(reference),
                                                      target: .indices(reference.targets ?? record.targets), score: source)
            assertAttributionsClose(attributions, reference.attributions.tensor,
                                    "\(reference.model) \(methodName) \(reference.rule ?? "")", file: file, line: line)
        }
    }

    func testSaliency() throws {
        try check("saliency") { _ in Saliency() }
        try check("saliency_signed") { _ in Saliency(absolute: false) }
    }

    func testGradientTimesInput() throws {
        try check("gradxinput") { _ in GradientTimesInput() }
    }

    func testIntegratedGradientsEveryRuleWithDelta() throws {
        let document = try fixture()
        let cases = document.cases.filter { $0.method == "ig" }
        XCTAssertEqual(cases.count, 11)
        for reference in cases {
            let model = try document.model(reference.model)
            let record = try XCTUnwrap(document.models[reference.model == "convnet" ? "convnet" : "mlp"])
            let inputs = record.inputs.tensor
            let rule = try XCTUnwrap(IntegrationRule(rawValue: try XCTUnwrap(reference.rule)))
            let method = IntegratedGradients(steps: try XCTUnwrap(reference.steps), rule: rule,
                                             baseline: Tensor.filled(Array(inputs.shape.dropFirst()),
                                                                     with: try XCTUnwrap(reference.baseline)))
            // A small batch cap, so the path points of one input span chunks.
            let score = ClassScore(model: model, source: reference.model == "mlp_softmax" ? .output : .logits,
                                   maximumBatchSize: 7)
            let (attributions, deltas) = try method.attributionsWithDelta(for: inputs, classes: record.targets, score: score)
            let label = "\(reference.model) \(rule.rawValue)"
            assertAttributionsClose(attributions, reference.attributions.tensor, label)
            let expectedDeltas = try XCTUnwrap(reference.delta)
            for (delta, expected) in zip(deltas, expectedDeltas) {
                // The delta is a small difference of sums: compare it on the scale of the attributions' total.
                let scale = reference.attributions.values.map(abs).reduce(0, +)
                XCTAssertEqual(delta, expected, accuracy: 1e-4 * scale, label)
            }
        }
    }

    func testGradCAMLayerMaps() throws {
        let document = try fixture()
        let record = try XCTUnwrap(document.models["convnet"])
        for reference in document.cases where reference.method == "gradcam_layer" {
            let model = try document.model("convnet")
            let method = GradCAM(layer: reference.layer, appliesReLU: try XCTUnwrap(reference.relu))
            let score = ClassScore(model: model)
            let maps = try method.layerMaps(for: record.inputs.tensor, classes: record.targets, score: score)
            let shape = reference.attributions.shape
            XCTAssertEqual([record.targets.count, maps.height, maps.width, 1], shape)
            assertAttributionsClose(Tensor(shape: shape, scalars: maps.values), reference.attributions.tensor,
                                    "Grad-CAM at \(reference.layer ?? "")")
        }
    }

    func testGradCAMResized() throws {
        try check("gradcam") { reference in
            GradCAM(layer: reference.layer, appliesReLU: reference.relu ?? true,
                    resizing: MapResizing(rawValue: reference.resizing ?? "nearest") ?? .nearest)
        }
    }

    func testGuidedBackpropagationAndGuidedGradCAM() throws {
        try check("guidedbackprop") { _ in GuidedBackpropagation() }
        try check("guidedgradcam") { reference in GuidedGradCAM(layer: reference.layer) }
    }

    func testOcclusion() throws {
        try check("occlusion") { reference in
            Occlusion(patch: Size2D(reference.patch ?? 0, reference.patch ?? 0),
                      strides: Size2D(reference.stride ?? 0, reference.stride ?? 0), fill: reference.fill ?? 0)
        }
    }
}

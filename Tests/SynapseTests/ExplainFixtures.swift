import Foundation
import XCTest
@testable import Synapse

/// Captum's reference attributions, written by
/// Fixtures/explain/make_captum_fixtures.py, and the models they were computed for.
struct ExplainFixtureDocument: Decodable {
    struct Values: Decodable {
        let shape: [Int]
        let values: [Float]
        var tensor: Tensor { Tensor(shape: shape, scalars: values) }
    }
    struct ModelRecord: Decodable {
        let parameters: [Values]
        let inputs: Values
        let targets: [Int]
    }
    struct Case: Decodable {
        let model: String
        let method: String
        let attributions: Values
        let rule: String?
        let steps: Int?
        let baseline: Float?
        let delta: [Float]?
        let relu: Bool?
        let resizing: String?
        let layer: String?
        let patch: Int?
        let stride: Int?
        let fill: Float?
        let targets: [Int]?
    }
    struct Metrics: Decodable {
        let perturbations: Values
        let infidelity: [Float]
        let infidelity_normalized: [Float]
        let sensitivity_noise: Values
        let sensitivity: [Float]
    }
    let models: [String: ModelRecord]
    let metrics: Metrics
    let cases: [Case]

    /// The document, loaded once.
    static let shared: ExplainFixtureDocument? = {
        guard let url = Bundle.module.url(forResource: "captum_fixtures", withExtension: "json",
                                          subdirectory: "Fixtures/explain"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(ExplainFixtureDocument.self, from: data)
    }()

    /// The fixture's model `name` (`mlp`, `mlp_softmax`, `convnet`), built
    /// and holding the fixture's weights.
    func model(_ name: String) throws -> Sequential {
        let model: Sequential
        let record: ModelRecord
        switch name {
        case "mlp", "mlp_softmax":
            model = Sequential([Flatten(), Dense(8, activation: .relu),
                                Dense(3, activation: name == "mlp" ? .linear : .softmax)])
            record = try XCTUnwrap(models["mlp"])
        default:
            model = Sequential([Conv2D(4, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                                Conv2D(6, kernelSize: 2, activation: .relu), Flatten(), Dense(3)])
            record = try XCTUnwrap(models["convnet"])
        }
        try model.buildIfNeeded(inputShape: Array(record.inputs.shape.dropFirst()))
        XCTAssertEqual(model.parameters.count, record.parameters.count)
        for (parameter, stored) in zip(model.parameters, record.parameters) {
            XCTAssertEqual(parameter.shape, stored.shape)
            parameter.value = stored.tensor
        }
        return model
    }
}

/// Asserts `actual` matches `expected` to `relative` of the larger of each
/// element and the largest expected magnitude (relative error alone means
/// nothing for elements near zero).
func assertAttributionsClose(_ actual: Tensor, _ expected: Tensor, relative: Float = 1e-4, _ message: String = "",
                             file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.shape, expected.shape, "shape \(message)", file: file, line: line)
    guard actual.shape == expected.shape else { return }
    let scale = expected.scalars.map(abs).max() ?? 0
    XCTAssertGreaterThan(scale, 0, "the reference is all zeros: \(message)", file: file, line: line)
    for (index, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() where !(abs(a - e) <= relative * max(abs(e), scale)) {
        XCTFail("element \(index): \(a) vs Captum's \(e) (\(message))", file: file, line: line)
        return
    }
}

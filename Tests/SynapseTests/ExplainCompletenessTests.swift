import Foundation
import XCTest
@testable import Synapse

/// Completeness of integrated gradients on trained models: the attributions
/// add up to F(x) − F(baseline), and the returned delta is exactly what they
/// miss by.
///
/// Along the path the logit is piecewise linear: every ReLU and max-pool
/// switch is a kink, where its derivative jumps, and no quadrature integrates
/// a jump exactly. On the MLP (128 ReLUs) Gauss–Legendre with 50 steps still
/// misses by less than 1e-3 of F(x) − F(x′) (measured worst 6.6e-4). The
/// convnet switches far more often and misses by up to 2.3e-3, as Captum does
/// with the same weights: there the test checks that Synapse's delta is
/// Captum's (Fixtures/explain/make_completeness_fixture.py), which holds only
/// if the gradient is right at every path point, and that with 400 steps it
/// falls below 1e-3, as a quadrature error does.
final class ExplainCompletenessTests: XCTestCase {
    /// Gauss–Legendre with 50 steps on `inputs`: the delta is what the
    /// attributions miss by, and less than 1e-3 of F(x) − F(x′).
    private func assertComplete(_ model: Model, _ inputs: Tensor, file: StaticString = #filePath, line: UInt = #line) throws {
        let score = ClassScore(model: model)
        let classes = try score.resolve(.predicted, for: inputs)
        let (attributions, deltas) = try IntegratedGradients(steps: 50).attributionsWithDelta(for: inputs, classes: classes, score: score)
        let ends = score.values(concatenate([inputs, Tensor.zeros(inputs.shape)]), classes: classes + classes)
        let count = inputs.shape[0]
        let totals = attributions.reshaped(to: [count, inputs.count / count]).sum(alongAxis: 1).scalars
        for example in 0..<count {
            let change = ends[example] - ends[count + example]
            XCTAssertGreaterThan(abs(change), 0.1, "the score must change along the path", file: file, line: line)
            XCTAssertEqual(deltas[example], totals[example] - change, accuracy: 1e-4 * abs(change), file: file, line: line)
            XCTAssertLessThan(abs(deltas[example]), 1e-3 * abs(change),
                              "example \(example): delta \(deltas[example]) for F(x) − F(x′) = \(change)", file: file, line: line)
        }
    }

    func testTrainedMLP() throws {
        Synapse.seed(0)
        let data = try MNIST.embeddedSample().splits
        let model = Sequential([Flatten(), Dense(128, activation: .relu), Dense(10, activation: .softmax)])
        model.compile(optimizer: Adam(), loss: .sparseCategoricalCrossentropy)
        try model.fit(data.train, epochs: 1, verbose: .silent)
        try assertComplete(model, data.test.imageTensor[0..<6])
    }

    /// Captum's numbers for the trained convnet, written by
    /// Fixtures/explain/make_completeness_fixture.py.
    private struct CaptumCompleteness: Decodable {
        let classes: [Int]
        let ends: [Double]
        let starts: [Double]
        let captum_delta_gl50_double: [Double]
        let exact_delta_gl400: [Double]
    }

    private func fixtureURL(_ name: String, _ fileExtension: String) throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: fileExtension, subdirectory: "Fixtures/explain"))
    }

    /// `Sequential.simpleConvNet()` with the weights Synapse trained (2
    /// epochs on the embedded MNIST sample), the sample's first 8 test
    /// images, and Captum's numbers for them.
    private func trainedConvNet() throws -> (model: Sequential, images: Tensor, captum: CaptumCompleteness) {
        let model = Sequential.simpleConvNet()
        try model.buildIfNeeded(inputShape: [28, 28, 1])
        try model.loadWeights(from: fixtureURL("trained_convnet", "safetensors"))
        let test = try MNIST.embeddedSample().splits.test
        let images = test.imageTensor
        let predictions = try model.predict(images.reshaped(to: images.shape + [1]))
        let correct = ClassPrediction.rows(of: predictions).enumerated().filter { $0.element.label == Int(test.labels[$0.offset]) }
        XCTAssertGreaterThan(Double(correct.count) / Double(test.count), 0.93, "the fixture's convnet is trained")
        let captum = try JSONDecoder().decode(CaptumCompleteness.self,
                                              from: Data(contentsOf: fixtureURL("completeness_fixture", "json")))
        let first = images[0..<captum.classes.count]
        return (model, first.reshaped(to: first.shape + [1]), captum)
    }

    /// Gauss–Legendre, 50 steps: the delta is Captum's on the same weights,
    /// to 5e-5 of the change (measured: below 1e-6 for 7 images; 1.2e-5 for
    /// image 7, where single precision puts a switch on the other side of a
    /// path point), and below 2.5e-3 of the change (measured worst 2.26e-3,
    /// image 6, for Captum as for Synapse).
    func testTrainedConvNetMissesByCaptumsDelta() throws {
        let (model, images, captum) = try trainedConvNet()
        let score = ClassScore(model: model)
        let classes = try score.resolve(.predicted, for: images)
        XCTAssertEqual(classes, captum.classes)
        let (attributions, deltas) = try IntegratedGradients(steps: 50).attributionsWithDelta(for: images, classes: classes, score: score)
        let count = images.shape[0]
        let totals = attributions.reshaped(to: [count, 784]).sum(alongAxis: 1).scalars
        for example in 0..<count {
            let change = captum.ends[example] - captum.starts[example]
            XCTAssertEqual(Double(totals[example]) - change, Double(deltas[example]), accuracy: 1e-5 * abs(change))
            XCTAssertEqual(Double(deltas[example]), captum.captum_delta_gl50_double[example], accuracy: 5e-5 * abs(change),
                           "example \(example)")
            XCTAssertLessThan(abs(Double(deltas[example])), 2.5e-3 * abs(change), "example \(example)")
        }
    }

    /// Gauss–Legendre, 400 steps: every delta is below 1e-3 of the change
    /// (measured worst 6.0e-4, image 6), and equals the quadrature of the
    /// exact (double-precision) gradient to 2e-5 of the change (measured: 5e-7).
    func testTrainedConvNetCompleteWithMoreSteps() throws {
        let (model, images, captum) = try trainedConvNet()
        let score = ClassScore(model: model)
        let (_, deltas) = try IntegratedGradients(steps: 400).attributionsWithDelta(for: images, classes: captum.classes, score: score)
        for (example, delta) in deltas.enumerated() {
            let change = captum.ends[example] - captum.starts[example]
            XCTAssertEqual(Double(delta), captum.exact_delta_gl400[example], accuracy: 2e-5 * abs(change), "example \(example)")
            XCTAssertLessThan(abs(Double(delta)), 1e-3 * abs(change), "example \(example)")
        }
    }
}

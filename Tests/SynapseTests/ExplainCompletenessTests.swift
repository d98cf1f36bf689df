import XCTest
@testable import Synapse

/// Completeness of integrated gradients on trained models: the attributions
/// add up to F(x) − F(baseline), within 1e-3 of it on the MLP (Gauss–Legendre,
/// 50 steps), and the returned delta is exactly what they miss by.
final class ExplainCompletenessTests: XCTestCase {
    private func assertComplete(_ model: Model, _ inputs: Tensor, steps: Int = 50, tolerance: Float = 1e-3, file: StaticString = #filePath, line: UInt = #line) throws {
        let score = ClassScore(model: model)
        let classes = try score.resolve(.predicted, for: inputs)
        let (attributions, deltas) = try IntegratedGradients(steps: steps).attributionsWithDelta(for: inputs, classes: classes, score: score)
        let ends = score.values(concatenate([inputs, Tensor.zeros(inputs.shape)]), classes: classes + classes)
        let count = inputs.shape[0]
        let totals = attributions.reshaped(to: [count, inputs.count / count]).sum(alongAxis: 1).scalars
        for example in 0..<count {
            let change = ends[example] - ends[count + example]
            XCTAssertGreaterThan(abs(change), 0.1, "the score must change along the path", file: file, line: line)
            XCTAssertEqual(deltas[example], totals[example] - change, accuracy: 1e-4 * abs(change), file: file, line: line)
            XCTAssertLessThan(abs(deltas[example]), tolerance * abs(change),
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

    func testTrainedConvNet() throws {
        Synapse.seed(0)
        let data = try MNIST.embeddedSample().splits
        let model = Sequential.simpleConvNet()
        model.compile(optimizer: Adam(), loss: .sparseCategoricalCrossentropy)
        try model.fit(data.train.withChannelAxis(), epochs: 2, verbose: .silent)
        let test = data.test.imageTensor[0..<8]
        // ReLUs and max pooling make the gradient jump along the path, which
        // no quadrature integrates exactly: measured here, the worst of 8
        // images misses by 0.08–0.24% at 50 Gauss–Legendre steps (and not
        // monotonically less with more steps), so the convnet is held to 1e-2.
        try assertComplete(model, test.reshaped(to: test.shape + [1]), tolerance: 1e-2)
    }
}

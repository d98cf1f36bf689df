import XCTest
@testable import Synapse

/// SparseCategoricalCrossentropy against Keras: the loss and its gradient
/// with respect to the predictions, from logits, from probabilities whose rows
/// do not sum to 1, and from a softmax's output (written by
/// make_optimizer_reference.py into losses.json).
final class SparseCategoricalCrossentropyTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let fromLogits: Bool
            let shape: [Int]
            let labels: [Float]
            let predictions: [Float]
            let value: Float
            let gradient: [Float]
        }
        struct SoftmaxCase: Decodable {
            let labels: [Float]
            let logits: [Float]
            let shape: [Int]
            let value: Float
        }
        let cases: [Case]
        let fromSoftmax: SoftmaxCase
    }

    struct File: Decodable {
        let sparseCategorical: Fixture
    }

    func fixture() throws -> Fixture {
        try loadReferenceFixture("losses.json", as: File.self).sparseCategorical
    }

    func testLossAndGradientMatchKeras() throws {
        let cases = try fixture().cases
        XCTAssertEqual(cases.count, 4)
        XCTAssertEqual(Set(cases.map(\.fromLogits)), [true, false])
        for reference in cases {
            let predictions = Tensor(shape: reference.shape, scalars: reference.predictions).requiringGradient()
            let labels = Tensor(reference.labels)
            let loss = SparseCategoricalCrossentropy(fromLogits: reference.fromLogits)
            // A non-unit upstream gradient: the backward must scale by it.
            let value = loss(predictions: predictions, targets: labels) * 3
            XCTAssertEqual(value.scalar / 3, reference.value, accuracy: 1e-5 * max(1, abs(reference.value)),
                           "fromLogits: \(reference.fromLogits)")
            let gradient = value.gradients(wrt: [predictions])[0] / 3
            assertClose(gradient, Tensor(shape: reference.shape, scalars: reference.gradient), tolerance: 2e-5,
                        "fromLogits: \(reference.fromLogits)")
        }
    }

    func testProbabilitiesAreRenormalisedAsKerasDoes() throws {
        // [0.1, 0.2, 0.3, 0.4] with label 2, and the same row times 1.5: Keras
        // divides by the row's sum, so both give −log 0.3 = 1.2040.
        let cases = try fixture().cases.filter { $0.shape == [1, 4] }
        XCTAssertEqual(cases.count, 2)
        for reference in cases {
            XCTAssertEqual(reference.value, 1.2039728, accuracy: 1e-6)
            let value = SparseCategoricalCrossentropy()(predictions: Tensor(shape: [1, 4], scalars: reference.predictions),
                                                        targets: Tensor([2]))
            XCTAssertEqual(value.scalar, 1.2039728, accuracy: 1e-5)
        }
    }

    func testASoftmaxOutputUsesItsLogits() throws {
        let reference = try fixture().fromSoftmax
        let logits = Tensor(shape: reference.shape, scalars: reference.logits)
        let labels = Tensor(reference.labels)
        let value = SparseCategoricalCrossentropy()(predictions: logits.softmaxRememberingLogits(), targets: labels)
        XCTAssertEqual(value.scalar, reference.value, accuracy: 1e-5 * reference.value)
        let plain = SparseCategoricalCrossentropy()(predictions: logits.softmax(), targets: labels)
        XCTAssertGreaterThan(abs(plain.scalar - reference.value), 1e-3, "the clipped probability path differs, so the test can tell them apart")
    }
}

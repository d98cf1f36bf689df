import XCTest
import Synapse

/// A hand-written loop trains in training mode without the user asking.
final class TrainingModeTests: XCTestCase {
    final class DroppingNetwork: Model {
        let dense = Dense(64, kernelInitializer: .ones, biasInitializer: .zeros)
        let dropout = Dropout(0.5)

        override func call(_ x: Tensor) -> Tensor { dropout(dense(x)) }
    }

    func testDropoutIsActiveInsideValueWithGradients() {
        Synapse.seed(0)
        let model = DroppingNetwork()
        let x = Tensor.ones([8, 4])
        XCTAssertFalse(model.isTraining, "models start in inference mode, as a plain Keras call does")
        var insideOutput = Tensor(0)
        var wasTrainingInside = false
        _ = valueWithGradients(of: model) { model in
            wasTrainingInside = model.dropout.isTraining
            let output = model(x)
            insideOutput = output.detached()
            return output.mean()
        }
        XCTAssertTrue(wasTrainingInside)
        let values = insideOutput.scalars
        // Every unit of the dense output is 4 before dropout: dropped ones are 0, kept ones 8.
        let dropped = values.filter { $0 == 0 }.count
        XCTAssertEqual(values.filter { $0 == 8 }.count + dropped, values.count)
        XCTAssertGreaterThan(dropped, values.count / 4)
        XCTAssertLessThan(dropped, values.count * 3 / 4)
        XCTAssertFalse(model.isTraining, "the previous mode is restored")
        XCTAssertFalse(model.dropout.isTraining)
        XCTAssertEqual(model(x).scalars, [Float](repeating: 4, count: values.count), "inference mode after the call")
    }

    func testTrainingFalseDifferentiatesTheInferenceModel() {
        Synapse.seed(0)
        let model = DroppingNetwork()
        let x = Tensor.ones([2, 4])
        let (value, gradients) = valueWithGradients(of: model, training: false) { model in model(x).mean() }
        XCTAssertEqual(value.scalar, 4)
        // d mean / d kernel = mean over rows and units of x: 1/64 for every weight.
        XCTAssertEqual(gradients[model.dense.kernel!]!.scalars, [Float](repeating: 1.0 / 64, count: 4 * 64))
    }

    func testATrainingModelStaysInTrainingMode() {
        let model = DroppingNetwork()
        model.train()
        _ = valueWithGradients(of: model, training: false) { model in model(Tensor.ones([1, 4])).mean() }
        XCTAssertTrue(model.isTraining)
        XCTAssertTrue(model.dropout.isTraining)
    }
}

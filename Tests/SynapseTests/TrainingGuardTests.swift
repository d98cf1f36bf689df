import XCTest
@testable import Synapse

/// The callbacks that watch over a run: TerminateOnNaN, ReduceLROnPlateau
/// and the divergence warning.
final class TrainingGuardTests: XCTestCase {
    private func model(learningRate: Float) -> Sequential {
        Synapse.seed(9)
        let model = Sequential([Dense(16, activation: .relu), Dense(3)])
        model.compile(optimizer: .sgd(learningRate: learningRate), loss: .meanSquaredError)
        return model
    }

    func testAHugeLearningRateStopsAtTheFirstNonFiniteLoss() throws {
        let guardian = TerminateOnNaN()
        var batchesSeen = 0
        let counter = LambdaCallback(onBatchEnd: { _, _ in batchesSeen += 1 })
        let x = Tensor.randomUniform([64, 4], lower: -1, upper: 1), y = Tensor.randomUniform([64, 3])
        let history = try model(learningRate: 1e10).fit(x, y, epochs: 5, batchSize: 8, callbacks: [guardian, counter], verbose: .silent)
        let stop = try XCTUnwrap(guardian.stoppedAt)
        XCTAssertEqual(stop.epoch, 0)
        XCTAssertFalse(stop.loss.isFinite)
        XCTAssertEqual(batchesSeen, stop.batch + 1, "no batch runs after the stop")
        XCTAssertEqual(history.epochs, [0])
        XCTAssertTrue(guardian.message(learningRate: 1e10)!.contains("lower the learning rate"))
    }

    func testAFiniteRunIsNotStopped() throws {
        let guardian = TerminateOnNaN()
        let x = Tensor.randomUniform([32, 4]), y = Tensor.randomUniform([32, 3])
        let history = try model(learningRate: 0.01).fit(x, y, epochs: 2, batchSize: 8, callbacks: [guardian], verbose: .silent)
        XCTAssertNil(guardian.stoppedAt)
        XCTAssertEqual(history.epochs, [0, 1])
    }

    func testThePlateauLowersTheRateAfterPatienceAndCooldown() {
        let plateau = ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 2, cooldown: 1, minimumLearningRate: 0.2)
        let model = model(learningRate: 1)
        plateau.trainingWillBegin(model: model)
        // Improves, then stalls: rates after each epoch.
        var rates: [Float] = []
        for (epoch, loss) in [1.0, 0.9, 0.9, 0.95, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9].enumerated() {
            plateau.epochDidEnd(epoch, model: model, logs: ["loss": loss])
            rates.append(model.compiled!.optimizer.learningRate)
        }
        // Keras gives the same rates (Fixtures/training/reduce_lr_on_plateau.py prints them).
        // As Keras counts: the epoch that ends the cooldown already counts
        // towards patience, and nothing goes below the minimum rate.
        XCTAssertEqual(rates, [1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2, 0.2])
        XCTAssertEqual(plateau.reductions.map(\.epoch), [3, 5, 7])
    }

    func testARisingLossIsReportedOnce() {
        final class Lines: @unchecked Sendable { var items: [String] = [] }
        let lines = Lines()
        let warning = DivergenceWarning(patience: 2) { lines.items.append($0) }
        let model = model(learningRate: 1)
        warning.trainingWillBegin(model: model)
        for (epoch, loss) in [1.0, 0.8, 0.9, 1.0, 1.2, 1.5].enumerated() {
            warning.epochDidEnd(epoch, model: model, logs: ["loss": loss])
        }
        // 0.8 → 0.9 → 1.0 rises twice but is not above the first epoch's 1.0; 1.0 → 1.2 is.
        XCTAssertEqual(lines.items.count, 1)
        XCTAssertTrue(lines.items[0].contains("1 → 1.2"), lines.items[0])
    }
}

import Foundation
import XCTest
@testable import Synapse

/// The library used from many threads at once: run under Thread Sanitizer by
/// `scripts/test --tsan` (and so by CI), where any race fails the run.
final class ConcurrencyTests: XCTestCase {
    final class TwoLayerNetwork: Model {
        let flatten = Flatten()
        let hidden = Dense(32, activation: .relu)
        let dropout = Dropout(0.25)
        let output = Dense(10, activation: .softmax)

        override func call(_ x: Tensor) -> Tensor { output(dropout(hidden(flatten(x)))) }
    }

    private static func trainedModel(seed: UInt64) throws -> TwoLayerNetwork {
        Synapse.seed(seed)
        let model = TwoLayerNetwork()
        model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let x = Tensor.randomUniform([64, 4, 4], seed: seed), y = Tensor((0 ..< 64).map { Float($0 % 10) })
        try model.fit(x, y, epochs: 2, batchSize: 16, verbose: .silent)
        return model
    }

    func testOneTrainedModelServesEightThreadsWithSingleThreadedResults() throws {
        // Shared for inference only, as `Layer`'s threading rule allows.
        nonisolated(unsafe) let model = try Self.trainedModel(seed: 1)
        let inputs = (0 ..< 8).map { Tensor.randomUniform([5, 4, 4], seed: UInt64(100 + $0)) }
        let expected = try inputs.map { try model.predict($0).scalars }
        let results = Locked([[Float]](repeating: [], count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            var last: [Float] = []
            for _ in 0 ..< 20 { last = (try? model.predict(inputs[index]))?.scalars ?? [] }
            results.withLock { $0[index] = last }
        }
        XCTAssertEqual(results.value, expected)
    }

    func testTwoModelsTrainInParallel() throws {
        let errors = Locked<[String]>([])
        let accuracies = Locked<[Double]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                let model = try Self.trainedModel(seed: UInt64(10 + index))
                let x = Tensor.randomUniform([16, 4, 4], seed: 5), y = Tensor((0 ..< 16).map { Float($0 % 10) })
                let accuracy = try model.evaluate(x, y, verbose: .silent).accuracy
                accuracies.withLock { $0.append(accuracy) }
            } catch {
                errors.withLock { $0.append("\(error)") }
            }
        }
        XCTAssertEqual(errors.value, [])
        XCTAssertEqual(accuracies.value.count, 2)
        XCTAssertTrue(accuracies.value.allSatisfy { $0.isFinite })
    }

    func testRegisteringModelClassesWhileOtherThreadsLoadModels() throws {
        let folder = try makeTemporaryDirectory(self).appendingPathComponent("net.synapse")
        ModelRegistry.register(TwoLayerNetwork.self) { TwoLayerNetwork() }
        let saved = try Self.trainedModel(seed: 3)
        try saved.save(to: folder)
        let probe = Tensor.randomUniform([2, 4, 4], seed: 9)
        let expected = try saved.predict(probe).scalars
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            for round in 0 ..< 10 {
                if index == 0 {
                    ModelRegistry.register("Registered\(round)") { TwoLayerNetwork() }
                    LayerRegistry.register(Dense.self)
                    TrainingRegistry.registerMetric("accuracy_\(round)") { Accuracy() }
                } else {
                    do {
                        let loaded = try Model.load(from: folder)
                        if try loaded.predict(probe).scalars != expected {
                            failures.withLock { $0.append("thread \(index): different predictions") }
                        }
                    } catch {
                        failures.withLock { $0.append("thread \(index): \(error)") }
                    }
                }
            }
        }
        XCTAssertEqual(failures.value, [])
        XCTAssertNotNil(ModelRegistry.factory(for: "Registered9"))
    }

    func testCancellingTheTaskStopsFitBetweenSteps() async throws {
        Synapse.seed(4)
        let model = TwoLayerNetwork()
        model.compile(optimizer: .sgd(), loss: .sparseCategoricalCrossentropy)
        let x = Tensor.randomUniform([64, 4, 4], seed: 4), y = Tensor((0 ..< 64).map { Float($0 % 10) })
        let steps = Locked(0)
        final class CancelAfterThreeSteps: Callback, @unchecked Sendable {
            let steps: Locked<Int>
            init(_ steps: Locked<Int>) { self.steps = steps }
            override func batchDidEnd(_ batch: Int, model: Model, logs: [String: Double]) {
                steps.withLock { $0 += 1 }
                if steps.value == 3 { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }
        do {
            try await model.fit(x, y, epochs: 100, batchSize: 8, callbacks: [CancelAfterThreeSteps(steps)],
                                verbose: .silent)
            XCTFail("fit finished 100 epochs although its task was cancelled")
        } catch is CancellationError {
            XCTAssertEqual(steps.value, 3, "training stops before the step after the cancellation")
        }
    }

    func testShapeInferenceOnOneThreadLeavesLayerCallsElsewhereAlone() throws {
        // Shared for inference only, as `Layer`'s threading rule allows.
        nonisolated(unsafe) let built = Sequential([Dense(3)])
        _ = built(Tensor.ones([1, 2]))
        let x = Tensor.ones([4, 2])
        let expected = built(x).scalars
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            for _ in 0 ..< 50 {
                if index.isMultiple(of: 2) {
                    let fresh = Sequential([Dense(8), Dense(2)])
                    try? fresh.buildIfNeeded(inputShape: [5])
                } else if built(x).scalars != expected {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        XCTAssertEqual(failures.value, 0)
    }
}

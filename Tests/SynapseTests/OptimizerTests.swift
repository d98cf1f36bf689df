import XCTest
@testable import Synapse

final class OptimizerTests: XCTestCase {
    func testFactoriesMakeKerasDefaults() {
        let sgd = Optimizer.sgd() as! SGD
        XCTAssertEqual(sgd.name, "sgd")
        XCTAssertEqual(sgd.learningRate, 0.01)
        XCTAssertEqual(sgd.momentum, 0)
        XCTAssertFalse(sgd.nesterov)
        let adamW = Optimizer.adamW() as! AdamW
        XCTAssertEqual(adamW.name, "adamw")
        XCTAssertEqual(adamW.weightDecay, 0.004)
        XCTAssertEqual(adamW.learningRate, 1e-3)
        let rmsprop = Optimizer.rmsprop() as! RMSprop
        XCTAssertEqual([rmsprop.learningRate, rmsprop.rho, rmsprop.momentum, rmsprop.epsilon], [1e-3, 0.9, 0, 1e-7])
        XCTAssertFalse(rmsprop.centered)
        let adagrad = Optimizer.adagrad() as! Adagrad
        XCTAssertEqual([adagrad.learningRate, adagrad.initialAccumulatorValue, adagrad.epsilon], [1e-3, 0.1, 1e-7])
        XCTAssertEqual(adamW.configuration["weight_decay"], .double(Double(Float(0.004))))
        XCTAssertEqual(SGD(momentum: 0.9, nesterov: true).configuration["nesterov"], .bool(true))
    }

    func testPlainSGDStepIsMinusLearningRateTimesGradient() {
        let parameter = Parameter(Tensor([1, 2, 3]))
        SGD(learningRate: 0.5).update([parameter], gradients: [Tensor([2, -2, 0])])
        XCTAssertEqual(parameter.value.scalars, [0, 3, 3])
    }

    /// An optimiser step writes into the parameter's own buffer (no copy of
    /// the weights per step), and the parameter stays a gradient leaf.
    func testUpdatesWriteInPlace() {
        let model = Sequential([Dense(8, activation: .relu), Dense(3)])
        let x = Tensor.randomNormal([4, 5], seed: 1)
        let (_, gradients) = valueWithGradients(of: model) { $0(x).squared().mean() }
        let before = gradients.parameters.map { $0.value.storage.pointer }
        Adam().update(gradients.parameters, gradients: gradients.tensors)
        XCTAssertEqual(gradients.parameters.map { $0.value.storage.pointer }, before)
        XCTAssertTrue(gradients.parameters.allSatisfy { $0.value.gradNode != nil })
        // A value assigned from outside is still made a leaf.
        let parameter = Parameter(Tensor([1, 2]))
        parameter.value = Tensor([3, 4])
        XCTAssertNotNil(parameter.value.gradNode)
    }

    /// `fit` keeps every parameter in its own buffer from step to step: the
    /// step once kept the graph (which holds the weights it read) alive
    /// through the update, so every step copied every weight.
    func testFitUpdatesWriteInPlace() throws {
        Synapse.seed(3)
        let model = Sequential([Flatten(), Dense(16, activation: .relu), Dense(3, activation: .softmax)])
        model.compile(optimizer: Adam(), loss: SparseCategoricalCrossentropy())
        let x = Tensor.randomNormal([40, 2, 5], seed: 4)
        let y = Tensor((0 ..< 40).map { Float($0 % 3) })
        try model.fit(x, y, epochs: 1, batchSize: 8, verbose: .silent)
        weak let first = model.trainableParameters[0].value.storage
        weak let last = model.trainableParameters[3].value.storage
        try model.fit(x, y, epochs: 2, batchSize: 8, verbose: .silent)
        XCTAssertTrue(first === model.trainableParameters[0].value.storage, "the kernel was copied")
        XCTAssertTrue(last === model.trainableParameters[3].value.storage, "the bias was copied")
    }

    func testMomentumVelocityPersistsPerParameter() {
        let a = Parameter(Tensor([0])), b = Parameter(Tensor([0]))
        let optimizer = SGD(learningRate: 1, momentum: 0.5)
        optimizer.update([a, b], gradients: [Tensor([1]), Tensor([-1])])
        optimizer.update([a, b], gradients: [Tensor([1]), Tensor([-1])])
        // v₁ = −1, v₂ = 0.5·(−1) − 1 = −1.5: p = −2.5 (and the mirror image).
        XCTAssertEqual(a.value.scalars, [-2.5])
        XCTAssertEqual(b.value.scalars, [2.5])
    }

    func testFrozenParametersAreNotUpdated() {
        let frozen = Parameter(Tensor([1, 1]), trainable: false)
        for optimizer in [Optimizer.sgd(momentum: 0.9), .adamW(), .rmsprop(), .adagrad()] {
            optimizer.update([frozen], gradients: [Tensor([1, 1])])
            XCTAssertEqual(frozen.value.scalars, [1, 1], optimizer.name)
        }
    }

    func testOptimizerStateIsNotSharedWithCopiesOfTheParameter() {
        let parameter = Parameter(Tensor([1, 1]))
        let before = parameter.value
        let optimizer = RMSprop(learningRate: 0.1, momentum: 0.5, centered: true)
        optimizer.update([parameter], gradients: [Tensor([1, -1])])
        XCTAssertEqual(before.scalars, [1, 1], "a copy taken before the update must keep its values")
        XCTAssertNotEqual(parameter.value.scalars, [1, 1])
        XCTAssertEqual(optimizer.slots[ObjectIdentifier(parameter)]?.count, 3, "velocity, momentum and average")
    }

    func testEveryOptimizerTrainsASmallClassifier() throws {
        let (x, y) = teacherLabelledData(count: 300, seed: 21)
        let optimizers: [Optimizer] = [.sgd(learningRate: 0.1, momentum: 0.9, nesterov: true), .adamW(learningRate: 0.01),
                                       .rmsprop(learningRate: 0.01), .adagrad(learningRate: 0.1)]
        for optimizer in optimizers {
            Synapse.seed(3)
            let model = SimpleNetwork()
            model.compile(optimizer: optimizer, loss: .sparseCategoricalCrossentropy, metrics: [.sparseCategoricalAccuracy])
            let history = try model.fit(x, y, epochs: 5, batchSize: 32, verbose: .silent)
            XCTAssertLessThan(history["loss"].last!, history["loss"].first! * 0.8, optimizer.name)
            XCTAssertGreaterThan(history["sparse_categorical_accuracy"].last!, 0.7, optimizer.name)
        }
    }
}

/// Gradient clipping by value, by each tensor's norm and by the global norm.
final class OptimizerClippingTests: XCTestCase {
    /// The gradients SGD with learning rate 1 actually applied.
    func appliedGradients(_ gradients: [Tensor], configure: (Optimizer) -> Void) -> [Tensor] {
        let parameters = gradients.map { Parameter(Tensor.zeros($0.shape)) }
        let optimizer = SGD(learningRate: 1)
        configure(optimizer)
        optimizer.update(parameters, gradients: gradients)
        return parameters.map { -$0.value.detached() }
    }

    func testClipValueLimitsEachElement() {
        let applied = appliedGradients([Tensor([3, -0.2, -5])]) { $0.clipValue = 1 }
        assertClose(applied[0], Tensor([1, -0.2, -1]))
    }

    func testClipNormRescalesEachTensorOnItsOwn() {
        // Norms 5 and 0.5: only the first exceeds 1.
        let applied = appliedGradients([Tensor([3, 4]), Tensor([0.3, 0.4])]) { $0.clipNorm = 1 }
        assertClose(applied[0], Tensor([0.6, 0.8]))
        assertClose(applied[1], Tensor([0.3, 0.4]))
    }

    func testGlobalClipNormRescalesAllTensorsTogether() {
        // Joint norm √(9 + 16 + 144) = 13.
        let applied = appliedGradients([Tensor([3, 4]), Tensor([12])]) { $0.globalClipNorm = 6.5 }
        assertClose(applied[0], Tensor([1.5, 2]))
        assertClose(applied[1], Tensor([6]))
        let untouched = appliedGradients([Tensor([3, 4]), Tensor([12])]) { $0.globalClipNorm = 13.5 }
        assertClose(untouched[1], Tensor([12]))
    }
}

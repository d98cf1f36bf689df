import XCTest
@testable import Synapse

/// Adam with PyTorch's ε convention against `torch.optim.Adam`
/// (Fixtures/reference/make_pytorch_adam_reference.py), including gradients
/// of about 1e-9, where the two conventions part ways.
final class OptimizerPyTorchAdamTests: XCTestCase {
    private func fixture() throws -> OptimizerReferenceTests.Fixture {
        try loadReferenceFixture("pytorch_adam.json", as: OptimizerReferenceTests.Fixture.self)
    }

    private func adam(_ config: [String: ConfigurationValue]) throws -> Adam {
        let factory = try XCTUnwrap(TrainingRegistry.optimizerFactory("adam"))
        let optimizer = try factory(config)
        return try XCTUnwrap(optimizer as? Adam)
    }

    func testMatchesTorchStepByStep() throws {
        let fixture = try fixture()
        XCTAssertEqual(fixture.cases.count, 2)
        for reference in fixture.cases {
            let optimizer = try adam(reference.config)
            XCTAssertEqual(optimizer.epsilonConvention, .pytorch)
            fixture.assertSteps(of: optimizer, follow: reference)
        }
    }

    /// On gradients of 1e-9, PyTorch's Adam steps by about the learning rate
    /// and Keras's (same ε) by far less: what keeps a silent spiking network
    /// silent under Keras's convention.
    func testTinyGradientsMoveOnlyUnderPyTorchConvention() throws {
        let fixture = try fixture()
        let tiny = Tensor(shape: fixture.shapes[1], scalars: fixture.gradients[0][1])
        var moved: [Adam.EpsilonConvention: Float] = [:]
        for convention in Adam.EpsilonConvention.allCases {
            let parameter = Parameter(Tensor.zeros(fixture.shapes[1]))
            Adam(learningRate: 1e-2, epsilon: 1e-8, epsilonConvention: convention).update([parameter], gradients: [tiny])
            moved[convention] = parameter.value.scalars.map(Swift.abs).max() ?? 0
        }
        XCTAssertGreaterThan(try XCTUnwrap(moved[.pytorch]), 1e-3)
        XCTAssertLessThan(try XCTUnwrap(moved[.keras]), 1e-3)
    }

    func testConventionIsSavedAndCheckedOnLoad() throws {
        let saved = Adam(learningRate: 1e-2, epsilon: 1e-8, epsilonConvention: .pytorch).configuration
        XCTAssertEqual(try adam(saved).epsilonConvention, .pytorch)
        XCTAssertNil(Adam().configuration["epsilon_convention"], "Keras's convention saves as before")
        XCTAssertEqual(try adam([:]).epsilonConvention, .keras)
        XCTAssertThrowsError(try adam(["epsilon_convention": .string("jax")])) { error in
            XCTAssertTrue("\(error)".contains("keras or pytorch"), "\(error)")
        }
    }

    func testAdamWKeepsItsConventionThroughSaveAndLoad() throws {
        let saved = AdamW(learningRate: 1e-3, weightDecay: 0.1, epsilon: 1e-8, epsilonConvention: .pytorch).configuration
        let loaded = try XCTUnwrap(try XCTUnwrap(TrainingRegistry.optimizerFactory("adamw"))(saved) as? AdamW)
        XCTAssertEqual(loaded.epsilonConvention, .pytorch)
        XCTAssertEqual(loaded.weightDecay, 0.1, accuracy: 1e-7)
        XCTAssertEqual(LanguageModelTrainingOptions().optimizer(for: Dense(2)).epsilonConvention, .pytorch,
                       "the GPT recipe is nanoGPT's torch.optim.AdamW")
    }
}

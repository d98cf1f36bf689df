import XCTest
@testable import Synapse

/// Loads `Fixtures/reference/<name>` (written by make_optimizer_reference.py).
func loadReferenceFixture<T: Decodable>(_ name: String, as type: T.Type,
                                        file: StaticString = #filePath, line: UInt = #line) throws -> T {
    guard let base = Bundle.module.resourceURL else {
        XCTFail("the test bundle has no resources", file: file, line: line)
        throw CocoaError(.fileNoSuchFile)
    }
    let url = base.appendingPathComponent("Fixtures/reference/\(name)")
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

extension Dictionary where Key == String, Value == ConfigurationValue {
    /// The number stored under `key`, or `fallback`.
    func number(_ key: String, _ fallback: Float) -> Float {
        switch self[key] {
        case let .double(value)?: return Float(value)
        case let .int(value)?: return Float(value)
        default: return fallback
        }
    }

    /// The Boolean stored under `key`, or false.
    func flag(_ key: String) -> Bool {
        if case let .bool(value)? = self[key] { return value }
        return false
    }
}

/// Keras 3 optimiser trajectories: a few steps from fixed parameters and
/// gradients, compared element by element.
final class OptimizerReferenceTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let optimizer: String
            let config: [String: ConfigurationValue]
            let steps: [[[Float]]]
        }
        let shapes: [[Int]]
        let initial: [[Float]]
        let gradients: [[[Float]]]
        let cases: [Case]

        /// Runs `optimizer` from `initial` over `gradients` and compares every
        /// step with `reference`'s.
        func assertSteps(of optimizer: Optimizer, follow reference: Case, file: StaticString = #filePath, line: UInt = #line) {
            let parameters = zip(shapes, initial).map { Parameter(Tensor(shape: $0, scalars: $1)) }
            for (step, expected) in reference.steps.enumerated() {
                let gradients = zip(shapes, self.gradients[step]).map { Tensor(shape: $0, scalars: $1) }
                optimizer.update(parameters, gradients: gradients)
                for (parameter, values) in zip(parameters, expected) {
                    assertClose(parameter.value, Tensor(shape: parameter.shape, scalars: values), tolerance: 1e-5,
                                "\(reference.optimizer) \(reference.config) after step \(step + 1)", file: file, line: line)
                }
            }
        }
    }

    func makeOptimizer(_ kind: String, _ config: [String: ConfigurationValue]) throws -> Optimizer {
        let rate = config.number("learning_rate", 0.001)
        let optimizer: Optimizer
        switch kind {
        case "sgd":
            optimizer = .sgd(learningRate: rate, momentum: config.number("momentum", 0),
                             nesterov: config.flag("nesterov"), weightDecay: config.number("weight_decay", 0))
        case "adam":
            optimizer = Adam(learningRate: rate, beta1: config.number("beta_1", 0.9),
                             beta2: config.number("beta_2", 0.999), epsilon: config.number("epsilon", 1e-7))
        case "adamw":
            optimizer = .adamW(learningRate: rate, weightDecay: config.number("weight_decay", 0.004))
        case "rmsprop":
            optimizer = .rmsprop(learningRate: rate, rho: config.number("rho", 0.9),
                                 momentum: config.number("momentum", 0), epsilon: config.number("epsilon", 1e-7),
                                 centered: config.flag("centered"))
        case "adagrad":
            optimizer = .adagrad(learningRate: rate,
                                 initialAccumulatorValue: config.number("initial_accumulator_value", 0.1),
                                 epsilon: config.number("epsilon", 1e-7), weightDecay: config.number("weight_decay", 0))
        default:
            throw CocoaError(.featureUnsupported, userInfo: [NSDebugDescriptionErrorKey: "unknown optimizer \(kind)"])
        }
        if config["clipvalue"] != nil { optimizer.clipValue = config.number("clipvalue", 0) }
        if config["clipnorm"] != nil { optimizer.clipNorm = config.number("clipnorm", 0) }
        if config["global_clipnorm"] != nil { optimizer.globalClipNorm = config.number("global_clipnorm", 0) }
        return optimizer
    }

    func testEveryOptimizerFollowsKerasStepByStep() throws {
        let fixture = try loadReferenceFixture("optimizers.json", as: Fixture.self)
        XCTAssertGreaterThanOrEqual(fixture.cases.count, 18)
        for reference in fixture.cases {
            let optimizer = try makeOptimizer(reference.optimizer, reference.config)
            fixture.assertSteps(of: optimizer, follow: reference)
            XCTAssertEqual(optimizer.iterations, reference.steps.count)
        }
    }
}

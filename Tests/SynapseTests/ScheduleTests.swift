import XCTest
@testable import Synapse

/// Any JSON value, for fixture configurations with nested lists and objects.
enum FixtureValue: Decodable {
    case number(Double), bool(Bool), string(String), list([FixtureValue]), object([String: FixtureValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([FixtureValue].self) { self = .list(value) }
        else { self = .object(try container.decode([String: FixtureValue].self)) }
    }

    var number: Float? { if case let .number(value) = self { return Float(value) } else { return nil } }
    var numbers: [Float]? { if case let .list(values) = self { return values.compactMap(\.number) } else { return nil } }
}

extension Dictionary where Key == String, Value == FixtureValue {
    func number(_ key: String, _ fallback: Float) -> Float { self[key]?.number ?? fallback }
    func flag(_ key: String) -> Bool { if case let .bool(value)? = self[key] { return value } else { return false } }
}

final class ScheduleTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let schedule: String
            let config: [String: FixtureValue]
            let values: [Double]
        }
        let steps: [Int]
        let cases: [Case]
    }

    func makeSchedule(_ reference: Fixture.Case) -> LearningRateSchedule? {
        let c = reference.config
        switch reference.schedule {
        case "exponential":
            return ExponentialDecay(c.number("initial_learning_rate", .nan), decaySteps: Int(c.number("decay_steps", .nan)),
                                    decayRate: c.number("decay_rate", .nan), staircase: c.flag("staircase"))
        case "piecewise":
            guard let boundaries = c["boundaries"]?.numbers, let values = c["values"]?.numbers else { return nil }
            return PiecewiseConstantDecay(boundaries: boundaries.map { Int($0) }, values: values)
        case "cosine":
            return CosineDecay(c.number("initial_learning_rate", .nan), decaySteps: Int(c.number("decay_steps", .nan)),
                               alpha: c.number("alpha", 0),
                               warmupTarget: c["warmup_target"] == nil ? nil : c.number("warmup_target", .nan),
                               warmupSteps: Int(c.number("warmup_steps", 0)))
        case "step":
            return StepDecay(c.number("initial_learning_rate", .nan), dropEvery: Int(c.number("drop_every", .nan)),
                             factor: c.number("factor", .nan))
        case "linear_warmup":
            guard case let .object(e)? = c["exponential"] else { return nil }
            return LinearWarmup(warmupSteps: Int(c.number("warmup_steps", .nan)), from: c.number("start", .nan),
                                to: ExponentialDecay(e.number("initial_learning_rate", .nan), decaySteps: Int(e.number("decay_steps", .nan)),
                                                     decayRate: e.number("decay_rate", .nan)))
        default:
            return nil
        }
    }

    func testSchedulesMatchKerasAndTheFormulas() throws {
        let fixture = try loadReferenceFixture("schedules.json", as: Fixture.self)
        XCTAssertEqual(Set(fixture.cases.map(\.schedule)), ["exponential", "piecewise", "cosine", "step", "linear_warmup"])
        for reference in fixture.cases {
            guard let schedule = makeSchedule(reference) else { XCTFail("cannot build \(reference.schedule)"); continue }
            for (step, expected) in zip(fixture.steps, reference.values) {
                XCTAssertEqual(Double(schedule.learningRate(atStep: step)), expected, accuracy: 1e-5 * max(abs(expected), 1e-3),
                               "\(reference.schedule) \(reference.config) at step \(step)")
            }
        }
    }

    func testPiecewiseBoundariesBelongToTheEarlierInterval() {
        let schedule = PiecewiseConstantDecay(boundaries: [2, 4], values: [3, 2, 1])
        XCTAssertEqual((0...6).map { schedule.learningRate(atStep: $0) }, [3, 3, 3, 2, 2, 1, 1])
    }

    func testCosineWarmupRisesLinearlyThenDecays() {
        let schedule = CosineDecay(0, decaySteps: 10, warmupTarget: 1, warmupSteps: 4)
        XCTAssertEqual(schedule.learningRate(atStep: 2), 0.5, accuracy: 1e-6)
        XCTAssertEqual(schedule.learningRate(atStep: 4), 1, accuracy: 1e-6)
        XCTAssertEqual(schedule.learningRate(atStep: 9), 0.5, accuracy: 1e-6)
        XCTAssertEqual(schedule.learningRate(atStep: 14), 0, accuracy: 1e-6)
        XCTAssertEqual(schedule.learningRate(atStep: 400), 0, accuracy: 1e-6)
    }

    func testLinearWarmupToAConstant() {
        let schedule = LinearWarmup(warmupSteps: 4, to: Float(0.8))
        XCTAssertEqual((0...5).map { schedule.learningRate(atStep: $0) }, [0, 0.2, 0.4, 0.6, 0.8, 0.8])
    }

    func testOptimizerUsesTheScheduleAtEachStep() {
        let parameter = Parameter(Tensor([0]))
        let optimizer = SGD(learningRate: 123)
        optimizer.schedule = PiecewiseConstantDecay(boundaries: [0, 1], values: [1, 0.5, 0.25])
        var rates: [Float] = []
        for _ in 0..<4 {
            rates.append(optimizer.currentLearningRate)
            optimizer.update([parameter], gradients: [Tensor([1])])
        }
        XCTAssertEqual(rates, [1, 0.5, 0.25, 0.25])
        XCTAssertEqual(parameter.value.scalars, [-2])
    }
}

import Foundation
import XCTest
@testable import Synapse

/// The PLD accountant against dp-accounting 0.6.0's `PLDAccountant` (its
/// defaults; figures printed by Fixtures/privacy/pld_reference.py) and against
/// the Gaussian mechanism's closed-form δ(ε).
final class PrivacyPLDAccountantTests: XCTestCase {
    func accountant(_ runs: [(q: Double, sigma: Double, steps: Int)]) -> PLDAccountant {
        var accountant = PLDAccountant()
        for run in runs { accountant.record(noiseMultiplier: run.sigma, sampleRate: run.q, steps: run.steps) }
        return accountant
    }

    /// TF Privacy's tutorial run: batch 256 of 60,000, σ = 1.1, 60 epochs.
    func testTutorialRunAsDPAccounting() {
        let epsilon = accountant([(256.0 / 60_000, 1.1, 14_063)]).epsilon(delta: 1e-5)
        XCTAssertEqual(epsilon, 2.381778813576912, accuracy: 0.01)
        // Pessimistic, and tighter than the RDP bound (2.597).
        XCTAssertLessThan(epsilon, 2.5)
    }

    func testMoreCasesAsDPAccounting() {
        let cases: [(runs: [(q: Double, sigma: Double, steps: Int)], delta: Double, expected: Double)] = [
            ([(150.0 / 60_000, 1.3, 6000)], 1e-5, 0.6401109260458789),
            ([(0.01, 1.0, 1)], 1e-5, 0.19945047347212375),
            ([(1.0, 2.0, 1)], 1e-5, 1.993091407921564),
            ([(1.0, 5.0, 100)], 1e-5, 9.997256407463825),
            ([(0.02, 0.8, 1000)], 1e-6, 7.336946822880649),
            ([(0.004, 1.1, 500), (0.01, 0.9, 200)], 1e-5, 1.2821483593534362),
        ]
        for (runs, delta, expected) in cases {
            XCTAssertEqual(accountant(runs).epsilon(delta: delta), expected, accuracy: 0.01, "\(runs) at δ = \(delta)")
        }
    }

    func testDeltaForEpsilonAsDPAccounting() {
        let delta = accountant([(256.0 / 60_000, 1.1, 14_063)]).delta(epsilon: 2)
        XCTAssertEqual(delta, 0.00011915662036895249, accuracy: 0.00011915662036895249 * 0.02)
    }

    /// One step without subsampling is the Gaussian mechanism, whose δ(ε) is known exactly:
    /// δ = Φ(−ε/μ + μ/2) − e^ε Φ(−ε/μ − μ/2), μ = 1/σ.
    func testSingleFullBatchStepIsTheGaussianMechanism() {
        func exact(_ epsilon: Double, _ sigma: Double) -> Double {
            let mu = 1 / sigma
            func phi(_ z: Double) -> Double { 0.5 * erfc(-z / 2.squareRoot()) }
            return phi(-epsilon / mu + mu / 2) - exp(epsilon) * phi(-epsilon / mu - mu / 2)
        }
        for sigma in [0.7, 1.0, 2.0, 5.0] {
            let single = accountant([(1, sigma, 1)])
            for epsilon in [0.1, 0.5, 1.0, 2.0] {
                let truth = exact(epsilon, sigma)
                let delta = single.delta(epsilon: epsilon)
                XCTAssertGreaterThanOrEqual(delta, truth * (1 - 1e-9), "σ \(sigma), ε \(epsilon): pessimistic")
                XCTAssertEqual(delta, truth, accuracy: truth * 1e-3 + 1e-12, "σ \(sigma), ε \(epsilon)")
            }
            for delta in [1e-3, 1e-5, 1e-8] {
                let epsilon = single.epsilon(delta: delta)
                XCTAssertLessThanOrEqual(exact(epsilon, sigma), delta * (1 + 1e-9), "σ \(sigma), δ \(delta): ε is enough")
                XCTAssertGreaterThan(exact(epsilon - 1e-3, sigma), delta, "σ \(sigma), δ \(delta): ε is within 1e-3")
            }
        }
    }

    /// One subsampled step's δ(ε) in each direction, from dp-accounting's
    /// `GaussianPrivacyLoss.get_delta_for_epsilon` (σ = 1.1, q = 256/60,000).
    func testSingleStepDivergenceInBothDirections() {
        let epsilons = [-0.01, -0.001, 0.0, 0.001, 0.5, 2.0, 4.0]
        let remove = [0.009950166250831947, 0.0018726314699072932, 0.0014957385227658548, 0.001212340843072035,
                      1.1623704640159879e-10, 7.164627378498368e-18, 5.542257765118474e-27]
        let add = [0.010228743319571465, 0.0022106292748224066, 0.0014957385227658548, 0.0008740048712967408, 0, 0, 0]
        for (direction, expected) in [(SubsampledGaussian.Adjacency.remove, remove), (.add, add)] {
            for (epsilon, value) in zip(epsilons, expected) {
                let delta = SubsampledGaussian.delta(epsilon: epsilon, sampleRate: 256.0 / 60_000, noiseMultiplier: 1.1,
                                                     adjacency: direction)
                XCTAssertEqual(delta, value, accuracy: value * 1e-6 + 1e-300, "\(direction) at ε = \(epsilon)")
            }
        }
    }

    /// Connect the dots: the discrete distribution's δ(ε) equals the
    /// mechanism's at every grid point of positive loss. (Below, δ is near 1
    /// and its rounding noise, amplified by the second differences and
    /// clipped at zero, adds up to 1e-7 of mass: pessimistic, as dp-accounting's.)
    func testDiscretisationMatchesTheMechanismOnTheGrid() {
        let plan = PLDAccountant()
        for direction in SubsampledGaussian.Adjacency.allCases {
            let run = PrivacySteps(noiseMultiplier: 0.9, sampleRate: 0.05, count: 1)
            let step = plan.stepDistribution(run, adjacency: direction)
            XCTAssertEqual(step.probabilities.reduce(0, +) + step.infinityMass, 1, accuracy: 1e-6)
            for index in stride(from: 0, to: step.probabilities.count, by: 499) where step.loss(at: index) >= 0 {
                let epsilon = step.loss(at: index)
                let truth = SubsampledGaussian.delta(epsilon: epsilon, sampleRate: 0.05, noiseMultiplier: 0.9,
                                                     adjacency: direction)
                XCTAssertEqual(step.delta(epsilon: epsilon), truth, accuracy: truth * 1e-6 + 1e-15,
                               "\(direction) at ε = \(epsilon)")
            }
        }
    }

    /// Composing by FFT equals composing by direct convolution, and mass is kept.
    func testSelfCompositionEqualsRepeatedConvolution() {
        let step = PrivacyLossDistribution(discretization: 0.1, lowestIndex: -2, probabilities: [0.1, 0.5, 0.3, 0.05],
                                           infinityMass: 0.05)
        var direct = [1.0]
        for _ in 0 ..< 5 {
            direct = (0 ..< direct.count + 3).map { k in
                (0 ..< 4).reduce(0.0) { sum, j in k - j >= 0 && k - j < direct.count ? sum + direct[k - j] * step.probabilities[j] : sum }
            }
        }
        let composed = step.selfComposed(5, tailMass: 0)
        XCTAssertEqual(composed.lowestIndex, -10)
        XCTAssertEqual(composed.probabilities.count, direct.count)
        for (value, expected) in zip(composed.probabilities, direct) { XCTAssertEqual(value, expected, accuracy: 1e-15) }
        XCTAssertEqual(composed.infinityMass, 1 - pow(0.95, 5), accuracy: 1e-15)
        let pair = step.composed(with: step, tailMass: 0)
        XCTAssertEqual(pair.probabilities.count, 7)
        XCTAssertEqual(pair.infinityMass, 1 - 0.95 * 0.95, accuracy: 1e-15)
    }

    func testFourteenThousandStepsTakeAFractionOfASecond() {
        let start = Date()
        _ = accountant([(256.0 / 60_000, 1.1, 14_063)]).epsilon(delta: 1e-5)
        // A fraction of a second in release builds; debug builds are several times slower.
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }

    func testNoStepsSpendNothingAndNoNoiseSpendsEverything() {
        XCTAssertEqual(PLDAccountant().epsilon(delta: 1e-5), 0)
        XCTAssertEqual(accountant([(0.01, 0, 10)]).epsilon(delta: 1e-5), .infinity)
        XCTAssertEqual(accountant([(0.01, 0, 10)]).delta(epsilon: 5), 1)
    }

    /// A target ε by the PLD accountant needs less noise than by RDP, and spends at most the target.
    func testNoiseMultiplierSearchByPLD() throws {
        let (q, steps) = (0.01, 500)
        let byPLD = try NoiseMultiplierSearch.noiseMultiplier(targetEpsilon: 2, delta: 1e-5, sampleRate: q, steps: steps,
                                                               accountant: .pld)
        let byRDP = try NoiseMultiplierSearch.noiseMultiplier(targetEpsilon: 2, delta: 1e-5, sampleRate: q, steps: steps)
        XCTAssertLessThan(byPLD, byRDP)
        let spent = accountant([(q, byPLD, steps)]).epsilon(delta: 1e-5)
        XCTAssertLessThanOrEqual(spent, 2)
        XCTAssertGreaterThan(spent, 1.98)
    }

    func testAccountantFromAnotherHistory() {
        var rdp = RDPAccountant()
        rdp.record(noiseMultiplier: 1.0, sampleRate: 0.01, steps: 100)
        let pld = PLDAccountant(history: rdp.history)
        XCTAssertEqual(pld.history, rdp.history)
        XCTAssertLessThan(pld.epsilon(delta: 1e-5), rdp.epsilon(delta: 1e-5))
    }
}

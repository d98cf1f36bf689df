import XCTest
@testable import Synapse

/// The loss-threshold attack's AUC and advantage on hand-made losses
/// (checked against counting every pair) and on a model that memorised.
final class PrivacyMembershipInferenceTests: XCTestCase {
    func testAUCCountsPairsAndTies() {
        let members = [0.1, 0.2, 0.5, 0.9], nonMembers = [0.2, 0.6, 0.7]
        var wins = 0.0
        for m in members { for n in nonMembers { wins += m < n ? 1 : (m == n ? 0.5 : 0) } }
        let result = MembershipInference.attack(memberLosses: members, nonMemberLosses: nonMembers)
        XCTAssertEqual(result.auc, wins / 12, accuracy: 1e-12)
        // Threshold 0.5: 3 of 4 members and 1 of 3 non-members below or at it.
        XCTAssertEqual(result.advantage, 0.75 - 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(result.threshold, 0.5)
    }

    func testIdenticalLossesLeakNothing() {
        let result = MembershipInference.attack(memberLosses: [1, 2, 3], nonMemberLosses: [3, 2, 1])
        XCTAssertEqual(result.auc, 0.5, accuracy: 1e-12)
        XCTAssertEqual(result.advantage, 0, accuracy: 1e-12)
    }

    /// A large network fit on random labels memorises its training set: the
    /// attack must see it.
    func testMemorisingModelLeaks() throws {
        Synapse.seed(1)
        let x = Tensor.randomNormal([80, 10], seed: 2)
        let y = Tensor(shape: [80], scalars: (0 ..< 80).map { Float(($0 * 7) % 3) })
        let loss = SparseCategoricalCrossentropy(fromLogits: true)
        let model = Sequential([Dense(64, activation: .relu), Dense(3)])
        model.compile(optimizer: Adam(learningRate: 0.01), loss: loss)
        let members = (Tensor(shape: [40, 10], scalars: Array(x.scalars[0 ..< 400])), Tensor(shape: [40], scalars: Array(y.scalars[0 ..< 40])))
        let others = (Tensor(shape: [40, 10], scalars: Array(x.scalars[400...])), Tensor(shape: [40], scalars: Array(y.scalars[40...])))
        try model.fit(members.0, members.1, epochs: 150, batchSize: 40, verbose: .silent)
        let result = try MembershipInference.lossThresholdAttack(model, loss: loss, members: members, nonMembers: others)
        XCTAssertGreaterThan(result.auc, 0.8)
        XCTAssertGreaterThan(result.advantage, 0.6)
        XCTAssertLessThan(result.memberMeanLoss, result.nonMemberMeanLoss)
    }
}

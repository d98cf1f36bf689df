import Foundation
import XCTest
@testable import Synapse

/// GroupNormalization, the normalisation private training can use: Keras's
/// values (Fixtures/privacy/group_normalization_reference.py), saving and
/// loading, and its shape errors.
final class PrivacyGroupNormalizationTests: XCTestCase {
    func testMatchesKeras() throws {
        let x = Tensor(shape: [2, 3, 2, 4], scalars: (0 ..< 48).map { Float(sin(0.37 * Double($0))) })
        let layer = GroupNormalization(groups: 2, epsilon: 1e-3)
        try layer.buildOnce(inputShape: [3, 2, 4])
        layer.gamma?.update { for index in $0.indices { $0[index] = 1.5 } }
        layer.beta?.update { for index in $0.indices { $0[index] = -0.25 } }
        let expected: [Float] = [
            -0.595583, 0.1935037, 0.6988083, 1.174975, 1.577544, 1.502031, 0.9617791, 0.3756935, -0.201501, -1.004282,
            -1.890788, -2.473238, -2.697246, -2.767311, -2.671053, -2.190591, -1.370787, -0.5807126, 0.04001868, 0.7095973,
            1.365502, 1.578842, 1.311918, 0.9528793, 0.9961013, 0.2358617, -0.2612998, -1.002814, -1.924761, -2.278478,
            -1.999003, -1.771097, -1.614406, -0.9183111, 0.1893431, 0.9721862, 1.362736, 1.842686, 2.323888, 2.237946,
            1.592267, 0.9832071, 0.5226274, -0.2758009, -1.343252, -1.933651, -1.938564, -1.997411,
        ]
        for (got, want) in zip(layer(x).scalars, expected) { XCTAssertEqual(got, want, accuracy: 2e-5) }
    }

    func testSavesAndLoads() throws {
        Synapse.seed(2)
        let model = Sequential([Conv2D(4, kernelSize: 3), GroupNormalization(groups: 2, epsilon: 0.01), Flatten(), Dense(2)])
        try model.build(inputShape: [6, 6, 1])
        let x = Tensor.randomNormal([2, 6, 6, 1], seed: 3)
        let directory = try makeTemporaryDirectory(self).appendingPathComponent("model")
        try model.save(to: directory)
        let loaded = try Model.load(from: directory)
        XCTAssertEqual(loaded(x).scalars, model(x).scalars)
        let normalization = try XCTUnwrap((loaded as? Sequential)?.layers[1] as? GroupNormalization)
        XCTAssertEqual(normalization.groups, 2)
        XCTAssertEqual(normalization.epsilon, 0.01)
    }

    func testChannelsNotDivisibleByGroupsIsAShapeError() {
        let model = Sequential([GroupNormalization(groups: 3)])
        XCTAssertThrowsError(try model.build(inputShape: [4, 4, 4])) { error in
            XCTAssertTrue("\(error)".contains("divisible by 3"), "\(error)")
        }
        XCTAssertThrowsError(try GroupNormalization(configuration: ["groups": .int(2), "axis": .int(1)]))
    }
}

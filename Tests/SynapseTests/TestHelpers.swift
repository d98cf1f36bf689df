import XCTest
@testable import Synapse

/// Asserts that two tensors have the same shape and elements within `tolerance`.
func assertClose(_ actual: Tensor, _ expected: Tensor, tolerance: Float = 1e-5,
                 _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.shape, expected.shape, "shape \(message)", file: file, line: line)
    guard actual.shape == expected.shape else { return }
    for (i, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() {
        let scale = max(1, abs(e))
        if !(abs(a - e) <= tolerance * scale) {
            XCTFail("element \(i): \(a) vs expected \(e) \(message)", file: file, line: line)
            return
        }
    }
}

/// Asserts that autodiff agrees with finite differences for `function`, at
/// `checkGradients`'s default tolerances unless a caller says why it needs
/// looser ones.
func assertGradientsMatch(at inputs: [Tensor], epsilon: Float = 1e-2,
                          absoluteTolerance: Double = 2e-4, relativeTolerance: Double = 2e-3,
                          file: StaticString = #filePath, line: UInt = #line,
                          _ function: @escaping ([Tensor]) -> Tensor) {
    let result = checkGradients(at: inputs, epsilon: epsilon, absoluteTolerance: absoluteTolerance,
                                relativeTolerance: relativeTolerance, of: function)
    XCTAssertTrue(result.passed, result.description, file: file, line: line)
}

/// A reproducible random tensor for tests.
func randomTensor(_ shape: [Int], seed: UInt64, lower: Float = -1, upper: Float = 1) -> Tensor {
    Tensor.randomUniform(shape, lower: lower, upper: upper, seed: seed)
}

/// A random tensor whose elements stay at least `margin` away from 0, for
/// functions with a kink there (ReLU, abs, max ties).
func randomTensorAwayFromZero(_ shape: [Int], seed: UInt64, margin: Float = 0.1) -> Tensor {
    randomTensor(shape, seed: seed).mapElements { $0 >= 0 ? $0 + margin : $0 - margin }
}

/// Polls `condition` every millisecond until it holds or `seconds` pass;
/// returns whether it held. For waiting on another thread without a fixed sleep.
func waitUntil(seconds: TimeInterval = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while !condition() {
        if Date() >= deadline { return false }
        usleep(1000)
    }
    return true
}

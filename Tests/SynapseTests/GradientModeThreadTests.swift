import Foundation
import XCTest
@testable import Synapse

/// `withoutGradients` switches recording off for its own thread only.
final class GradientModeThreadTests: XCTestCase {
    private func gradientOfSquares() -> [Float] {
        let w = Tensor([1, -2, 3]).requiringGradient()
        return (w * w).sum().gradients(wrt: [w])[0].scalars
    }

    func testInferenceOnAnotherThreadLeavesRecordingOnHere() {
        let insideNoGrad = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        var enabledInside = true
        let server = Thread {
            withoutGradients {
                enabledInside = GradientMode.isEnabled
                insideNoGrad.signal()
                release.wait()
            }
            finished.signal()
        }
        server.start()
        insideNoGrad.wait()
        // The other thread is inside withoutGradients right now.
        XCTAssertTrue(GradientMode.isEnabled)
        let w = Tensor([1, -2, 3]).requiringGradient()
        XCTAssertTrue((w * w).requiresGradient, "operations here are still recorded")
        XCTAssertEqual(gradientOfSquares(), [2, -4, 6])
        release.signal()
        finished.wait()
        XCTAssertFalse(enabledInside)
    }

    func testNestingIsCountedPerThread() {
        XCTAssertTrue(GradientMode.isEnabled)
        withoutGradients {
            withoutGradients { XCTAssertFalse(GradientMode.isEnabled) }
            XCTAssertFalse(GradientMode.isEnabled)
        }
        XCTAssertTrue(GradientMode.isEnabled)
        struct Failure: Error {}
        XCTAssertThrowsError(try withoutGradients { throw Failure() })
        XCTAssertTrue(GradientMode.isEnabled, "a throwing body still restores the mode")
    }

    func testManyThreadsComputeTheSameGradientsWhileOthersRunWithout() {
        let expected = gradientOfSquares()
        var results = [[Float]](repeating: [], count: 8)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            if index.isMultiple(of: 2) {
                for _ in 0 ..< 200 { withoutGradients { _ = Tensor([1, 2]) * Tensor([3, 4]) } }
            }
            var last: [Float] = []
            for _ in 0 ..< 200 { last = gradientOfSquares() }
            lock.lock()
            results[index] = last
            lock.unlock()
        }
        XCTAssertEqual(results, [[Float]](repeating: expected, count: 8))
    }
}

import Foundation
import XCTest
@testable import Synapse

/// `withoutGradients` switches recording off for its own thread only.
final class GradientModeThreadTests: XCTestCase {
    private static func gradientOfSquares() -> [Float] {
        let w = Tensor([1, -2, 3]).requiringGradient()
        return (w * w).sum().gradients(wrt: [w])[0].scalars
    }

    func testInferenceOnAnotherThreadLeavesRecordingOnHere() {
        let insideNoGrad = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let enabledInside = Locked(true)
        let server = Thread {
            withoutGradients {
                enabledInside.withLock { $0 = GradientMode.isEnabled }
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
        XCTAssertEqual(Self.gradientOfSquares(), [2, -4, 6])
        release.signal()
        finished.wait()
        XCTAssertFalse(enabledInside.value)
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
        let expected = Self.gradientOfSquares()
        let results = Locked([[Float]](repeating: [], count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            if index.isMultiple(of: 2) {
                for _ in 0 ..< 200 { withoutGradients { _ = Tensor([1, 2]) * Tensor([3, 4]) } }
            }
            var last: [Float] = []
            for _ in 0 ..< 200 { last = Self.gradientOfSquares() }
            results.withLock { $0[index] = last }
        }
        XCTAssertEqual(results.value, [[Float]](repeating: expected, count: 8))
    }
}


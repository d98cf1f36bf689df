import CSynapseKernels
import Foundation
import XCTest

final class KernelsVectorMathTests: XCTestCase {
    override func tearDown() {
        syn_vmath_force_kernel(nil)
        super.tearDown()
    }

    private typealias ArrayFn = (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void

    private var supportedPaths: [String] {
        let paths = ([String](["avx512", "avx2", "portable"])).filter { syn_vmath_force_kernel($0) == 0 }
        syn_vmath_force_kernel(nil)
        return paths
    }

    private func apply(_ fn: ArrayFn, _ x: [Float]) -> [Float] {
        var y = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { fn(px.baseAddress, $0.baseAddress, x.count) } }
        return y
    }

    /// `count` points evenly spread over [lo, hi].
    private func sweep(_ lo: Float, _ hi: Float, _ count: Int) -> [Float] {
        (0..<count).map { lo + (hi - lo) * Float($0) / Float(count - 1) }
    }

    /// Max relative error of fn vs a float64 reference over x, on every path.
    private func checkAccuracy(_ name: String, _ fn: ArrayFn, _ reference: (Double) -> Double,
                               _ x: [Float], limit: Double) {
        for path in supportedPaths {
            XCTAssertEqual(syn_vmath_force_kernel(path), 0)
            let y = apply(fn, x)
            var worst = 0.0, worstX: Float = 0
            for (xi, yi) in zip(x, y) {
                let want = reference(Double(xi))
                guard want.isNormal || want == 0, abs(want) >= Double(Float.leastNormalMagnitude) || want == 0 else { continue }
                let err = want == 0 ? abs(Double(yi)) : abs(Double(yi) - want) / abs(want)
                if err > worst { worst = err; worstX = xi }
            }
            XCTAssertLessThan(worst, limit, "\(name) [\(path)] worst at x = \(worstX)")
        }
    }

    /// Exact expectations for edge inputs, on every path (NaN compared as NaN).
    private func checkEdges(_ name: String, _ fn: ArrayFn, _ cases: [(Float, Float)]) {
        for path in supportedPaths {
            XCTAssertEqual(syn_vmath_force_kernel(path), 0)
            let y = apply(fn, cases.map { $0.0 })
            for ((x, want), got) in zip(cases, y) {
                let same = (want.isNaN && got.isNaN) || want == got
                XCTAssertTrue(same, "\(name)(\(x)) [\(path)] = \(got), want \(want)")
            }
        }
    }

    func testExpAccuracyAndEdges() {
        checkAccuracy("exp", syn_vexp, { Foundation.exp($0) }, sweep(-87.3, 88.7, 200_003), limit: 1e-6)
        checkAccuracy("exp", syn_vexp, { Foundation.exp($0) }, sweep(-1e-3, 1e-3, 1001), limit: 1e-6)
        checkEdges("exp", syn_vexp, [(0, 1), (100, .infinity), (.infinity, .infinity), (-200, 0),
                                     (-.infinity, 0), (.nan, .nan), (89, .infinity)])
    }

    func testLogAccuracyAndEdges() {
        let positive = sweep(1e-3, 100, 200_003) + sweep(0.5, 2, 10_001)
            + [1e-40, 1e-38, 3e-45, 1e30, 3e38].map { Float($0) }
        checkAccuracy("log", syn_vlog, { Foundation.log($0) }, positive, limit: 1e-6)
        checkEdges("log", syn_vlog, [(1, 0), (0, -.infinity), (-0.0, -.infinity), (-1, .nan),
                                     (.infinity, .infinity), (.nan, .nan), (-.infinity, .nan)])
    }

    func testTanhAccuracyAndEdges() {
        checkAccuracy("tanh", syn_vtanh, { Foundation.tanh($0) }, sweep(-10, 10, 200_003), limit: 1e-6)
        checkAccuracy("tanh", syn_vtanh, { Foundation.tanh($0) }, sweep(-0.5, 0.5, 10_001) + [1e-30, -1e-20], limit: 1e-6)
        checkEdges("tanh", syn_vtanh, [(0, 0), (50, 1), (-50, -1), (.infinity, 1), (-.infinity, -1),
                                       (.nan, .nan), (1e-30, 1e-30)])
    }

    func testSigmoidAccuracyAndEdges() {
        checkAccuracy("sigmoid", syn_vsigmoid, { 1 / (1 + Foundation.exp(-$0)) }, sweep(-80, 80, 200_003), limit: 1e-6)
        checkEdges("sigmoid", syn_vsigmoid, [(0, 0.5), (1000, 1), (-1000, 0), (.infinity, 1),
                                             (-.infinity, 0), (.nan, .nan)])
    }

    /// Lengths around the vector width, and in place (y aliasing x); a long
    /// array to take the multi-threaded path.
    func testTailsInPlaceAndLongArrays() {
        for threads in [1, 2] {
            syn_set_num_threads(Int32(threads))
            for n in [1, 3, 7, 8, 9, 15, 16, 17, 33, 300_001] {
                var x = sweep(-5, 5, max(n, 2)).prefix(n).map { $0 }
                let want = x.map { Foundation.exp($0) }
                x.withUnsafeMutableBufferPointer { syn_vexp($0.baseAddress, $0.baseAddress, n) }
                for (got, w) in zip(x, want) { XCTAssertEqual(got, w, accuracy: 2e-6 * w) }
            }
        }
        syn_set_num_threads(1)
    }
}

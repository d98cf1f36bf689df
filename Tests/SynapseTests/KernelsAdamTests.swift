import CSynapseKernels
import XCTest

final class KernelsAdamTests: XCTestCase {
    override func tearDown() {
        syn_vmath_force_kernel(nil)
        super.tearDown()
    }

    /// Moments in the subnormal range are flushed to zero (they would make
    /// every later update ~100x slower), and the caller's float mode is restored.
    func testSubnormalMomentsAreFlushedToZero() {
        let subnormal = Float.leastNormalMagnitude / 4
        var p: [Float] = [1, 1], m: [Float] = [subnormal, 0.5], v: [Float] = [subnormal, 0.25]
        let g: [Float] = [0, 0]
        syn_adam_update(&p, g, &m, &v, 2, 1e-3, 0.9, 0.999, 1e-7, 0)
        XCTAssertEqual(m[0], 0)
        XCTAssertEqual(v[0], 0)
        XCTAssertEqual(m[1], 0.45, accuracy: 1e-7)
        // Outside the kernel, subnormal arithmetic works as usual again.
        var keep = subnormal
        withUnsafeMutablePointer(to: &keep) { $0.pointee *= 1.5 }
        XCTAssertEqual(keep, subnormal * 1.5)
        XCTAssertNotEqual(keep, 0)
    }

    /// Several steps of Adam and AdamW agree with a float64 scalar reference on every path.
    func testMatchesScalarReference() {
        let paths = ([String](["avx512", "avx2", "portable"])).filter { syn_vmath_force_kernel($0) == 0 }
        for path in paths {
            for decay in [Float(0), 1e-3] {
                syn_vmath_force_kernel(path)
                let n = 1037
                var random = KernelsTestRandom(seed: 7)
                var p = random.floats(n), m = [Float](repeating: 0, count: n), v = m
                var pd = p.map(Double.init), md = [Double](repeating: 0, count: n), vd = md
                let (lr, b1, b2, eps): (Float, Float, Float, Float) = (1e-2, 0.9, 0.999, 1e-7)
                for step in 1...5 {
                    let g = random.floats(n)
                    let lrT = lr * (1 - pow(b2, Float(step))).squareRoot() / (1 - pow(b1, Float(step)))
                    let epsT = eps * (1 - pow(b2, Float(step))).squareRoot()
                    syn_adam_update(&p, g, &m, &v, n, lrT, b1, b2, epsT, lr * decay)
                    for i in 0..<n {
                        let gi = Double(g[i])
                        md[i] = Double(b1) * md[i] + (1 - Double(b1)) * gi
                        vd[i] = Double(b2) * vd[i] + (1 - Double(b2)) * gi * gi
                        pd[i] -= Double(lrT) * md[i] / (vd[i].squareRoot() + Double(epsT))
                            + Double(lr * decay) * pd[i]
                    }
                }
                for i in 0..<n {
                    XCTAssertEqual(Double(p[i]), pd[i], accuracy: 1e-5, "\(path) p[\(i)]")
                    XCTAssertEqual(Double(m[i]), md[i], accuracy: 1e-5, "\(path) m[\(i)]")
                    XCTAssertEqual(Double(v[i]), vd[i], accuracy: 1e-6, "\(path) v[\(i)]")
                }
            }
        }
    }
}

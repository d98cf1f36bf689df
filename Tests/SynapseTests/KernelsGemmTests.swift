import CSynapseKernels
import XCTest

/// A small deterministic generator for test data (64-bit LCG, top bits).
struct KernelsTestRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }
    /// A float uniformly distributed in [-1, 1).
    mutating func nextFloat() -> Float {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(state >> 40) / Float(1 << 23) - 1
    }
    mutating func floats(_ count: Int) -> [Float] { (0..<count).map { _ in nextFloat() } }
}

/// One GEMM problem with its operands stored in (possibly padded) row-major buffers.
struct KernelsGemmCase {
    let transA: Bool, transB: Bool
    let m: Int, n: Int, k: Int
    let lda: Int, ldb: Int, ldc: Int
    let alpha: Float, beta: Float
    let a: [Float], b: [Float], c0: [Float]

    init(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, pad: Int = 0,
         alpha: Float = 1, beta: Float = 0, seed: UInt64 = 1) {
        self.transA = transA; self.transB = transB
        self.m = m; self.n = n; self.k = k
        self.alpha = alpha; self.beta = beta
        let aRows = transA ? k : m, aCols = transA ? m : k
        let bRows = transB ? n : k, bCols = transB ? k : n
        lda = aCols + pad; ldb = bCols + 2 * pad; ldc = n + 3 * pad
        var random = KernelsTestRandom(seed: seed)
        a = random.floats(max(aRows * lda, 1))
        b = random.floats(max(bRows * ldb, 1))
        c0 = random.floats(max(m * ldc, 1))
    }

    /// op(A)[i][p] and op(B)[p][j] as stored.
    func opA(_ i: Int, _ p: Int) -> Float { transA ? a[p * lda + i] : a[i * lda + p] }
    func opB(_ p: Int, _ j: Int) -> Float { transB ? b[j * ldb + p] : b[p * ldb + j] }

    /// The float64 reference result and, per element, sum_p |a·b| (for tolerances).
    func reference() -> (c: [Double], scale: [Double]) {
        // op(A) row-major (m×k) and op(B) transposed (n×k), so both inner loops are contiguous.
        var at = [Double](repeating: 0, count: m * k), bt = [Double](repeating: 0, count: n * k)
        for i in 0..<m { for p in 0..<k { at[i * k + p] = Double(opA(i, p)) } }
        for j in 0..<n { for p in 0..<k { bt[j * k + p] = Double(opB(p, j)) } }
        var c = [Double](repeating: 0, count: m * n), scale = c
        at.withUnsafeBufferPointer { pa in
            bt.withUnsafeBufferPointer { pb in
                for i in 0..<m {
                    for j in 0..<n {
                        var sum = 0.0, abs = 0.0
                        for p in 0..<k {
                            let product = pa[i * k + p] * pb[j * k + p]
                            sum += product; abs += Swift.abs(product)
                        }
                        let old = beta == 0 ? 0 : Double(beta) * Double(c0[i * ldc + j])
                        c[i * n + j] = Double(alpha) * sum + old
                        scale[i * n + j] = Swift.abs(Double(alpha)) * abs + Swift.abs(old)
                    }
                }
            }
        }
        return (c, scale)
    }

    /// C before the call: c0, or NaN everywhere when beta is 0 (must not leak).
    func initialC() -> [Float] { beta == 0 ? [Float](repeating: .nan, count: c0.count) : c0 }

    /// Runs `gemm` on a fresh copy of C and returns it.
    func run(serial: Bool = false) -> [Float] {
        var c = initialC()
        let call = serial ? syn_sgemm_serial : syn_sgemm
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    call(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, pa.baseAddress, lda,
                         pb.baseAddress, ldb, beta, pc.baseAddress, ldc)
                }
            }
        }
        return c
    }
}

/// Asserts `c` matches the reference within float32 accumulation error and
/// that the padding columns between n and ldc were not touched.
func kernelsAssertGemm(_ c: [Float], _ g: KernelsGemmCase, _ ref: (c: [Double], scale: [Double]),
                       _ label: String, file: StaticString = #filePath, line: UInt = #line) {
    let initial = g.initialC()
    for i in 0..<g.m {
        for j in 0..<g.n {
            let got = Double(c[i * g.ldc + j]), want = ref.c[i * g.n + j]
            let tolerance = 1e-5 * ref.scale[i * g.n + j] + 1e-30
            guard got.isFinite, Swift.abs(got - want) <= tolerance else {
                XCTFail("\(label): C[\(i)][\(j)] = \(got), want \(want)", file: file, line: line)
                return
            }
        }
        for j in g.n..<g.ldc where i * g.ldc + j < c.count {
            let before = initial[i * g.ldc + j]
            if !(c[i * g.ldc + j] == before || (before.isNaN && c[i * g.ldc + j].isNaN)) {
                XCTFail("\(label): padding C[\(i)][\(j)] was overwritten", file: file, line: line)
                return
            }
        }
    }
}

/// The GEMM kernel families this CPU can run.
func kernelsSupportedGemmPaths() -> [String] {
    let paths = ([String](["avx512", "avx2", "portable"])).filter { syn_gemm_force_kernel($0) == 0 }
    syn_gemm_force_kernel(nil)
    return paths
}

final class KernelsGemmTests: XCTestCase {
    override func tearDown() {
        syn_gemm_force_kernel(nil)
        syn_set_num_threads(1)
        super.tearDown()
    }

    /// Runs every supported kernel path at 1 and 2 threads on one case.
    private func checkAllPaths(_ g: KernelsGemmCase, file: StaticString = #filePath, line: UInt = #line) {
        let ref = g.reference()
        for path in kernelsSupportedGemmPaths() {
            XCTAssertEqual(syn_gemm_force_kernel(path), 0)
            for threads in [1, 2] {
                syn_set_num_threads(Int32(threads))
                let label = "\(path) t\(threads) \(g.transA ? "T" : "N")\(g.transB ? "T" : "N") "
                    + "\(g.m)x\(g.n)x\(g.k) lda \(g.lda) alpha \(g.alpha) beta \(g.beta)"
                kernelsAssertGemm(g.run(), g, ref, label, file: file, line: line)
            }
            kernelsAssertGemm(g.run(serial: true), g, ref, "\(path) serial", file: file, line: line)
        }
    }

    func testSmallOddSizesAllTransposes() {
        let sizes = [1, 3, 17, 33]
        for transA in [false, true] {
            for transB in [false, true] {
                for m in sizes { for n in sizes { for k in sizes {
                    checkAllPaths(KernelsGemmCase(transA: transA, transB: transB, m: m, n: n, k: k,
                                                  seed: UInt64(m * 10_000 + n * 100 + k)))
                } } }
            }
        }
    }

    func testSizesWith257AllTransposes() {
        let shapes = [(257, 33, 17), (17, 257, 33), (33, 17, 257), (257, 3, 257), (1, 257, 257),
                      (257, 257, 1)]
        for transA in [false, true] {
            for transB in [false, true] {
                for (m, n, k) in shapes {
                    checkAllPaths(KernelsGemmCase(transA: transA, transB: transB, m: m, n: n, k: k))
                }
            }
        }
    }

    func testAlphaBetaAndPaddedStrides() {
        for (alpha, beta) in [(Float(1), Float(0)), (0.5, 1), (-1.5, -0.25), (2, 0)] {
            for transA in [false, true] {
                for transB in [false, true] {
                    checkAllPaths(KernelsGemmCase(transA: transA, transB: transB, m: 37, n: 45, k: 29,
                                                  pad: 5, alpha: alpha, beta: beta))
                }
            }
        }
    }

    /// K > one depth block (256) and K·N above the B-packing threshold.
    func testDeepAndWideBlocking() {
        for transB in [false, true] {
            checkAllPaths(KernelsGemmCase(transA: false, transB: transB, m: 70, n: 300, k: 600,
                                          pad: 1, alpha: 1, beta: 0.5))
        }
        checkAllPaths(KernelsGemmCase(transA: true, transB: false, m: 40, n: 1100, k: 260))
    }

    func testZeroDepthAndZeroAlphaScaleC() {
        for (k, alpha) in [(0, Float(1)), (5, Float(0))] {
            for beta in [Float(0), 2] {
                let g = KernelsGemmCase(transA: false, transB: false, m: 3, n: 4, k: k,
                                        alpha: alpha, beta: beta)
                let c = g.run()
                for i in 0..<3 { for j in 0..<4 {
                    XCTAssertEqual(c[i * g.ldc + j], beta * g.c0[i * g.ldc + j])
                } }
            }
        }
    }

    func testForceKernelRejectsUnknownNames() {
        XCTAssertEqual(syn_gemm_force_kernel("sse9"), -1)
        XCTAssertEqual(syn_gemm_force_kernel("portable"), 0)
        XCTAssertEqual(String(cString: syn_gemm_kernel_name()), "portable-4x16")
    }
}

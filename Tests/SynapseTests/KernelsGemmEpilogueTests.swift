import CSynapseKernels
import XCTest

/// `syn_sgemm_bias_act` against the float64 GEMM reference plus bias and ReLU.
final class KernelsGemmEpilogueTests: XCTestCase {
    override func tearDown() {
        syn_gemm_force_kernel(nil)
        syn_set_num_threads(1)
        super.tearDown()
    }

    /// `g` run through the fused entry point on a fresh copy of C.
    private func runFused(_ g: KernelsGemmCase, bias: [Float]?, relu: Bool) -> [Float] {
        var c = g.initialC()
        let biasCopy = bias.map { UnsafeMutableBufferPointer<Float>.allocate(capacity: $0.count) }
        defer { biasCopy?.deallocate() }
        if let bias, let biasCopy { _ = biasCopy.initialize(from: bias) }
        g.a.withUnsafeBufferPointer { pa in
            g.b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    syn_sgemm_bias_act(g.transA ? 1 : 0, g.transB ? 1 : 0, g.m, g.n, g.k, g.alpha,
                                       pa.baseAddress, g.lda, pb.baseAddress, g.ldb, g.beta,
                                       pc.baseAddress, g.ldc, biasCopy?.baseAddress, relu ? 1 : 0)
                }
            }
        }
        return c
    }

    /// The GEMM reference with the epilogue applied.
    private func reference(_ g: KernelsGemmCase, bias: [Float]?, relu: Bool) -> (c: [Double], scale: [Double]) {
        var (c, scale) = g.reference()
        for i in 0..<g.m {
            for j in 0..<g.n {
                let b = Double(bias?[j] ?? 0)
                c[i * g.n + j] += b
                scale[i * g.n + j] += Swift.abs(b)
                if relu { c[i * g.n + j] = Swift.max(c[i * g.n + j], 0) }
            }
        }
        return (c, scale)
    }

    private func checkAllPaths(_ g: KernelsGemmCase, file: StaticString = #filePath, line: UInt = #line) {
        var random = KernelsTestRandom(seed: UInt64(g.n + 7))
        let bias = random.floats(g.n)
        for withBias in [false, true] {
            for relu in [false, true] {
                let ref = reference(g, bias: withBias ? bias : nil, relu: relu)
                for path in kernelsSupportedGemmPaths() {
                    XCTAssertEqual(syn_gemm_force_kernel(path), 0)
                    for threads in [1, 2] {
                        syn_set_num_threads(Int32(threads))
                        let label = "\(path) t\(threads) \(g.transA ? "T" : "N")\(g.transB ? "T" : "N") "
                            + "\(g.m)x\(g.n)x\(g.k) beta \(g.beta) bias \(withBias) relu \(relu)"
                        let c = runFused(g, bias: withBias ? bias : nil, relu: relu)
                        kernelsAssertGemm(c, g, ref, label, file: file, line: line)
                    }
                }
            }
        }
    }

    func testOddShapes() {
        for m in [1, 3, 17] { for n in [1, 10, 33, 128] { for k in [1, 7, 784] {
            checkAllPaths(KernelsGemmCase(transA: false, transB: false, m: m, n: n, k: k,
                                          seed: UInt64(m * 10_000 + n * 100 + k)))
        } } }
    }

    /// Several depth blocks (the epilogue only on the last), packed B, beta,
    /// transposes and padded strides.
    func testBlockingTransposesAndBeta() {
        for transA in [false, true] {
            for transB in [false, true] {
                checkAllPaths(KernelsGemmCase(transA: transA, transB: transB, m: 37, n: 45, k: 29,
                                              pad: 5, alpha: -1.5, beta: 0.5))
                checkAllPaths(KernelsGemmCase(transA: transA, transB: transB, m: 70, n: 300, k: 600,
                                              pad: 1, beta: 0.5))
            }
        }
        checkAllPaths(KernelsGemmCase(transA: false, transB: false, m: 1, n: 1100, k: 260))
        // The article's first layer at batch 50: B packed whole in depth (AVX2).
        checkAllPaths(KernelsGemmCase(transA: false, transB: false, m: 50, n: 128, k: 784, beta: 0.5))
    }

    /// With K = 0 or alpha = 0, C = act(beta * C + bias).
    func testDegenerateProductsStillApplyTheEpilogue() {
        for (k, alpha) in [(0, Float(1)), (5, Float(0))] {
            for beta in [Float(0), 2] {
                checkAllPaths(KernelsGemmCase(transA: false, transB: false, m: 3, n: 4, k: k,
                                              alpha: alpha, beta: beta))
            }
        }
    }
}

import CSynapseKernels
import XCTest

/// The GEMM's packing paths: A packed into MR-row panels (tall, wide
/// products), B packed once for all threads of a split, and B packed ahead by
/// the caller (`syn_gemm_pack_b` + `syn_sgemm_packed_b`), each against the
/// float64 reference.
final class KernelsGemmPackingTests: XCTestCase {
    override func tearDown() {
        syn_gemm_force_kernel(nil)
        syn_set_num_threads(1)
        super.tearDown()
    }

    /// Runs `g` with B packed ahead, on a fresh copy of C.
    private func runPacked(_ g: KernelsGemmCase) -> [Float] {
        var c = g.initialC()
        let floats = syn_gemm_pack_b_size(g.k, g.n)
        XCTAssertGreaterThanOrEqual(floats, g.k * g.n)
        let packed = UnsafeMutableRawPointer.allocate(byteCount: floats * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: floats)
        defer { packed.deallocate() }
        g.b.withUnsafeBufferPointer { pb in
            syn_gemm_pack_b(g.transB ? 1 : 0, g.k, g.n, pb.baseAddress, g.ldb, packed)
        }
        g.a.withUnsafeBufferPointer { pa in
            c.withUnsafeMutableBufferPointer { pc in
                syn_sgemm_packed_b(g.transA ? 1 : 0, g.m, g.n, g.k, g.alpha, pa.baseAddress, g.lda,
                                   packed, g.beta, pc.baseAddress, g.ldc)
            }
        }
        return c
    }

    /// Every supported kernel at 1 and 2 threads, through syn_sgemm, the serial
    /// entry and (when `packedB`) B packed ahead.
    private func checkAllPaths(_ g: KernelsGemmCase, packedB: Bool = true,
                               file: StaticString = #filePath, line: UInt = #line) {
        let ref = g.reference()
        for path in kernelsSupportedGemmPaths() {
            XCTAssertEqual(syn_gemm_force_kernel(path), 0)
            let shape = "\(g.transA ? "T" : "N")\(g.transB ? "T" : "N") \(g.m)x\(g.n)x\(g.k) lda \(g.lda)"
            for threads in [1, 2] {
                syn_set_num_threads(Int32(threads))
                kernelsAssertGemm(g.run(), g, ref, "\(path) t\(threads) \(shape)", file: file, line: line)
                if packedB {
                    kernelsAssertGemm(runPacked(g), g, ref, "\(path) t\(threads) packed B \(shape)",
                                      file: file, line: line)
                }
            }
            kernelsAssertGemm(g.run(serial: true), g, ref, "\(path) serial \(shape)", file: file, line: line)
        }
    }

    /// Calls `body` for every shape with each of the four transpose pairs,
    /// with the shape's index (to vary padding, alpha, beta and the seed).
    private func forEachTransposePair(_ shapes: [(Int, Int, Int)],
                                      _ body: (_ transA: Bool, _ transB: Bool, _ index: Int, _ shape: (Int, Int, Int)) -> Void) {
        for transA in [false, true] {
            for transB in [false, true] {
                for (index, shape) in shapes.enumerated() { body(transA, transB, index, shape) }
            }
        }
    }

    /// Wide enough (N >= 256) and tall enough (M >= 48) for A to be packed:
    /// M not a multiple of 6 and above one block of rows (96), N not a
    /// multiple of 16, K = 1 and K across depth blocks, odd strides.
    func testPackedAEdges() {
        let shapes = [(53, 257, 1), (97, 300, 3), (48, 256, 37), (197, 259, 385), (61, 512, 7)]
        forEachTransposePair(shapes) { transA, transB, index, shape in
            checkAllPaths(KernelsGemmCase(transA: transA, transB: transB, m: shape.0, n: shape.1, k: shape.2,
                                          pad: index % 2 == 0 ? 3 : 0, alpha: 1.25,
                                          beta: index % 2 == 0 ? 0 : 0.5, seed: UInt64(index + 7)),
                          packedB: false)
        }
    }

    /// Narrow C (N < 256) with B between L1 and L2 and deeper than one depth
    /// block, so the AVX2 driver packs B whole in depth: M just at and above
    /// four micro-tiles, ragged panels, K at both ends of the range, odd
    /// strides, and a product big enough to be split.
    func testBPackedWholeInDepthMatchesTheReference() {
        let shapes = [(24, 33, 257), (25, 100, 700), (31, 120, 1000), (97, 128, 784), (60, 17, 600)]
        forEachTransposePair(shapes) { transA, transB, index, shape in
            checkAllPaths(KernelsGemmCase(transA: transA, transB: transB, m: shape.0, n: shape.1, k: shape.2,
                                          pad: index % 2 == 0 ? 0 : 5, alpha: 0.5,
                                          beta: index % 2 == 0 ? 1 : 0, seed: UInt64(40 + index)),
                          packedB: false)
        }
    }

    /// B packed ahead, on odd shapes: one row (batch 1), ragged panels,
    /// several depth blocks, and products big enough to be split.
    func testPackedBMatchesTheReference() {
        let shapes = [(1, 17, 5), (7, 33, 1), (32, 1024, 65), (37, 45, 400), (200, 300, 129),
                      (5, 1000, 260)]
        forEachTransposePair(shapes) { transA, transB, index, shape in
            checkAllPaths(KernelsGemmCase(transA: transA, transB: transB, m: shape.0, n: shape.1, k: shape.2,
                                          pad: index % 3, alpha: index % 2 == 0 ? 1 : -0.75,
                                          beta: index % 2 == 0 ? 0 : 1, seed: UInt64(100 + index)))
        }
    }

    /// One packed B serves many products; K = 0 and alpha = 0 only scale C.
    func testPackedBIsReusableAndDegenerateProductsScaleC() {
        let g = KernelsGemmCase(transA: false, transB: true, m: 9, n: 40, k: 70, beta: 1)
        let floats = syn_gemm_pack_b_size(g.k, g.n)
        let packed = UnsafeMutableRawPointer.allocate(byteCount: floats * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: floats)
        defer { packed.deallocate() }
        g.b.withUnsafeBufferPointer { syn_gemm_pack_b(1, g.k, g.n, $0.baseAddress, g.ldb, packed) }
        for seed in [UInt64(1), 2, 3] {
            let other = KernelsGemmCase(transA: false, transB: true, m: 9, n: 40, k: 70, beta: 1, seed: seed)
            var c = other.initialC()
            other.a.withUnsafeBufferPointer { pa in
                c.withUnsafeMutableBufferPointer { pc in
                    syn_sgemm_packed_b(0, 9, 40, 70, 1, pa.baseAddress, other.lda, packed, 1, pc.baseAddress, other.ldc)
                }
            }
            // `other`'s A and C with the B packed from `g`.
            let withB = KernelsGemmCase(copying: other, b: g.b)
            kernelsAssertGemm(c, withB, withB.reference(), "reuse \(seed)")
        }
        for (k, alpha) in [(0, Float(1)), (4, Float(0))] {
            let d = KernelsGemmCase(transA: false, transB: false, m: 3, n: 5, k: k, alpha: alpha, beta: 2)
            XCTAssertEqual(runPacked(d).prefix(5).map { $0 }, d.c0.prefix(5).map { 2 * $0 })
        }
    }

    /// A split product gives the same bits call after call.
    func testSplitProductsAreDeterministic() {
        syn_set_num_threads(2)
        for (m, n, k, transB) in [(1000, 128, 784, false), (128, 512, 768, false), (768, 130, 128, true)] {
            let g = KernelsGemmCase(transA: false, transB: transB, m: m, n: n, k: k)
            XCTAssertGreaterThan(syn_gemm_threads(m, n, k), 1)
            let first = g.run()
            for _ in 0..<3 { XCTAssertEqual(g.run(), first, "\(m)x\(n)x\(k)") }
        }
    }
}

extension KernelsGemmCase {
    /// `g` with another B of the same layout.
    init(copying g: KernelsGemmCase, b: [Float]) {
        precondition(b.count == g.b.count, "KernelsGemmCase(copying:b:): B has \(b.count) floats, not \(g.b.count)")
        transA = g.transA; transB = g.transB
        m = g.m; n = g.n; k = g.k
        lda = g.lda; ldb = g.ldb; ldc = g.ldc
        alpha = g.alpha; beta = g.beta
        a = g.a; self.b = b; c0 = g.c0
    }
}

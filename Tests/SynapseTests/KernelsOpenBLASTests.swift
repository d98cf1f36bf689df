import CSynapseKernels
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// cblas_sgemm and openblas_set_num_threads, loaded at run time (no link dependency).
struct KernelsOpenBLAS {
    typealias SgemmFn = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Float,
                                        UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32,
                                        Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    typealias SetThreadsFn = @convention(c) (Int32) -> Void
    let sgemm: SgemmFn
    let setNumThreads: SetThreadsFn?

    /// nil when no OpenBLAS library is installed.
    static let shared: KernelsOpenBLAS? = {
        for name in ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL),
                  let sgemm = dlsym(handle, "cblas_sgemm") else { continue }
            let set = dlsym(handle, "openblas_set_num_threads")
            return KernelsOpenBLAS(sgemm: unsafeBitCast(sgemm, to: SgemmFn.self),
                                   setNumThreads: set.map { unsafeBitCast($0, to: SetThreadsFn.self) })
        }
        return nil
    }()
}

final class KernelsOpenBLASTests: XCTestCase {
    /// Synapse and OpenBLAS agree on the training shapes, all transposes.
    func testMatchesOpenBLAS() throws {
        guard let blas = KernelsOpenBLAS.shared else {
            throw XCTSkip("OpenBLAS not installed (libopenblas.so.0); oracle test skipped")
        }
        blas.setNumThreads?(1)
        let shapes = [(32, 128, 784), (784, 128, 32), (32, 784, 128), (32, 10, 128), (6272, 32, 9),
                      (1, 128, 784), (100, 65, 300)]
        for (m, n, k) in shapes {
            for transA in [false, true] { for transB in [false, true] {
                let g = KernelsGemmCase(transA: transA, transB: transB, m: m, n: n, k: k, pad: 2,
                                        alpha: 0.75, beta: 0.5)
                var want = g.c0
                g.a.withUnsafeBufferPointer { pa in g.b.withUnsafeBufferPointer { pb in
                    want.withUnsafeMutableBufferPointer { pc in
                        blas.sgemm(101, transA ? 112 : 111, transB ? 112 : 111, Int32(m), Int32(n),
                                   Int32(k), g.alpha, pa.baseAddress, Int32(g.lda), pb.baseAddress,
                                   Int32(g.ldb), g.beta, pc.baseAddress, Int32(g.ldc))
                    }
                } }
                let got = g.run()
                var worst: Float = 0
                for i in 0..<m { for j in 0..<n {
                    let d = abs(got[i * g.ldc + j] - want[i * g.ldc + j])
                    worst = max(worst, d / max(abs(want[i * g.ldc + j]), 1))
                } }
                XCTAssertLessThan(worst, 2e-5, "\(m)x\(n)x\(k) tA \(transA) tB \(transB)")
            } }
        }
    }
}

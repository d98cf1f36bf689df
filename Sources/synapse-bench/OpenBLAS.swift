import CSynapseKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// OpenBLAS's cblas_sgemm and thread control, loaded with dlopen so the
/// benchmark builds and runs without OpenBLAS installed.
struct OpenBLAS {
    typealias SgemmFn = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Float,
                                        UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32,
                                        Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    typealias SetThreadsFn = @convention(c) (Int32) -> Void
    typealias CoreNameFn = @convention(c) () -> UnsafePointer<CChar>?

    let sgemmFn: SgemmFn
    let setThreadsFn: SetThreadsFn
    let coreName: String

    /// Loads libopenblas, or returns nil when it is not installed.
    static func load() -> OpenBLAS? {
        // Debian's DYNAMIC_ARCH OpenBLAS 0.3.21 does not know newer CPUs (e.g.
        // Sapphire Rapids) and falls back to its SSE3 "Prescott" kernels, which
        // would make the comparison meaningless. Unless the user chose a core,
        // pick the best one this CPU can run (read once, when the library loads).
        if getenv("OPENBLAS_CORETYPE") == nil {
            let best = String(cString: syn_gemm_kernel_name())
            if best.hasPrefix("avx512") { setenv("OPENBLAS_CORETYPE", "SkylakeX", 1) }
            else if best.hasPrefix("avx2") { setenv("OPENBLAS_CORETYPE", "Haswell", 1) }
        }
        for name in ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL),
                  let sgemm = dlsym(handle, "cblas_sgemm"),
                  let setThreads = dlsym(handle, "openblas_set_num_threads") else { continue }
            var core = "?"
            if let f = dlsym(handle, "openblas_get_corename"),
               let s = unsafeBitCast(f, to: CoreNameFn.self)() { core = String(cString: s) }
            return OpenBLAS(sgemmFn: unsafeBitCast(sgemm, to: SgemmFn.self),
                            setThreadsFn: unsafeBitCast(setThreads, to: SetThreadsFn.self),
                            coreName: core)
        }
        return nil
    }

    func setThreads(_ n: Int) { setThreadsFn(Int32(n)) }

    /// Row-major SGEMM with Synapse's argument order.
    func sgemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
               _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
               _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        sgemmFn(101, transA ? 112 : 111, transB ? 112 : 111, Int32(m), Int32(n), Int32(k), 1,
                a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }
}

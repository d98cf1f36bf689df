import CSynapseKernels
import Foundation

/// One benchmarked GEMM shape: C(M×N) = op(A)·op(B), beta = 0.
struct GemmShape {
    let label: String
    let m: Int, n: Int, k: Int
    let transA: Bool, transB: Bool
    /// Synapse multiplies by a B packed once beforehand (`syn_gemm_pack_b`,
    /// as the recurrent layers do for their recurrent kernel); OpenBLAS,
    /// which has no such call, packs B at every call as usual.
    var packedB = false

    var op: String { (transA ? "T" : "N") + (transB ? "T" : "N") }
    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }

    static let standard: [GemmShape] = [
        GemmShape(label: "fwd 784->128 b32", m: 32, n: 128, k: 784, transA: false, transB: false),
        GemmShape(label: "dW = X^T dY", m: 784, n: 128, k: 32, transA: true, transB: false),
        GemmShape(label: "dX = dY W^T", m: 32, n: 784, k: 128, transA: false, transB: true),
        GemmShape(label: "fwd 784->128 b128", m: 128, n: 128, k: 784, transA: false, transB: false),
        GemmShape(label: "conv1 im2col", m: 6272, n: 32, k: 9, transA: false, transB: false),
        GemmShape(label: "conv2 im2col", m: 1152, n: 64, k: 288, transA: false, transB: false),
        GemmShape(label: "square 512", m: 512, n: 512, k: 512, transA: false, transB: false),
        GemmShape(label: "fwd 128->10 b32", m: 32, n: 10, k: 128, transA: false, transB: false),
        GemmShape(label: "fwd 128->10 b1", m: 1, n: 10, k: 128, transA: false, transB: false),
        GemmShape(label: "fwd 784->128 b1", m: 1, n: 128, k: 784, transA: false, transB: false),
        GemmShape(label: "fwd 784->128 b1000", m: 1000, n: 128, k: 784, transA: false, transB: false),
        // The GPT of issue 14 (batch 12 × context 64 = 768 rows, width 128).
        GemmShape(label: "gpt qkv", m: 768, n: 384, k: 128, transA: false, transB: false),
        GemmShape(label: "gpt mlp up", m: 768, n: 512, k: 128, transA: false, transB: false),
        GemmShape(label: "gpt mlp down", m: 768, n: 128, k: 512, transA: false, transB: false),
        GemmShape(label: "gpt dX mlp up", m: 768, n: 128, k: 512, transA: false, transB: true),
        GemmShape(label: "gpt dW mlp up", m: 128, n: 512, k: 768, transA: true, transB: false),
        GemmShape(label: "gpt head", m: 768, n: 65, k: 128, transA: false, transB: true),
        // LSTM(256) at batch 32, one time step (R1): h·R forward, dz·Rᵀ backward.
        GemmShape(label: "lstm h·R", m: 32, n: 1024, k: 256, transA: false, transB: false),
        GemmShape(label: "lstm h·R packed", m: 32, n: 1024, k: 256, transA: false, transB: false,
                  packedB: true),
        GemmShape(label: "lstm dz·R^T", m: 32, n: 256, k: 1024, transA: false, transB: true),
        GemmShape(label: "lstm dz·R^T packed", m: 32, n: 256, k: 1024, transA: false, transB: true,
                  packedB: true),
    ]
}

/// Who runs the GEMM and with how many threads.
enum GemmConfig: CaseIterable {
    case synapse1, synapse2, openblas1, openblas2

    var title: String {
        switch self {
        case .synapse1: return "Syn 1T"
        case .synapse2: return "Syn 2T"
        case .openblas1: return "OB 1T"
        case .openblas2: return "OB 2T"
        }
    }
    var isOpenBLAS: Bool { self == .openblas1 || self == .openblas2 }
}

/// Operands for one shape, 64-byte aligned, filled with small random values.
final class GemmOperands {
    let a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>
    let lda: Int, ldb: Int, ldc: Int
    /// B packed for `syn_sgemm_packed_b` (shapes with `packedB` only).
    let packedB: UnsafeMutablePointer<Float>?
    private let counts: (Int, Int, Int)

    init(_ s: GemmShape) {
        lda = s.transA ? s.m : s.k
        ldb = s.transB ? s.k : s.n
        ldc = s.n
        counts = (s.m * s.k, s.k * s.n, s.m * s.n)
        a = GemmOperands.allocate(counts.0)
        b = GemmOperands.allocate(counts.1)
        c = GemmOperands.allocate(counts.2)
        if s.packedB {
            let packed = GemmOperands.allocate(syn_gemm_pack_b_size(s.k, s.n))
            syn_gemm_pack_b(s.transB ? 1 : 0, s.k, s.n, b, ldb, packed)
            packedB = packed
        } else {
            packedB = nil
        }
    }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
        let p = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        for i in 0..<count { p[i] = Float((i * 7919) % 1000) / 1000 - 0.5 }
        return p
    }

    deinit {
        a.deallocate(); b.deallocate(); c.deallocate(); packedB?.deallocate()
    }
}

/// Times one shape under all configs, interleaved round by round.
struct GemmBenchmark {
    let blas: OpenBLAS?
    let rounds: Int
    let secondsPerSample: Double
    /// Time the one-thread configs in the calling thread's CPU time (both
    /// libraries then compute on the calling thread alone): a busy machine's
    /// other processes then slow the samples only through the caches.
    var oneThreadCPUTime = false

    private func now(_ config: GemmConfig) -> Double {
        var ts = timespec()
        let cpu = oneThreadCPUTime && (config == .synapse1 || config == .openblas1)
        clock_gettime(cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Puts the thread pools in the state a config needs: only one library's
    /// workers may be awake at a time (two spinning pools on 2 cores collapse).
    private func prepare(_ config: GemmConfig) {
        switch config {
        case .synapse1, .synapse2:
            blas?.setThreads(1)
            syn_set_num_threads(config == .synapse1 ? 1 : 2)
        case .openblas1, .openblas2:
            syn_set_num_threads(1)
            syn_thread_pool_park()
            blas?.setThreads(config == .openblas1 ? 1 : 2)
        }
    }

    private func call(_ config: GemmConfig, _ s: GemmShape, _ o: GemmOperands) {
        if config.isOpenBLAS {
            blas!.sgemm(s.transA, s.transB, s.m, s.n, s.k, o.a, o.lda, o.b, o.ldb, o.c, o.ldc)
        } else if let packed = o.packedB {
            syn_sgemm_packed_b(s.transA ? 1 : 0, s.m, s.n, s.k, 1, o.a, o.lda, packed, 0, o.c, o.ldc)
        } else {
            syn_sgemm(s.transA ? 1 : 0, s.transB ? 1 : 0, s.m, s.n, s.k, 1, o.a, o.lda, o.b, o.ldb,
                      0, o.c, o.ldc)
        }
    }

    /// Median seconds per call for each config.
    func run(_ s: GemmShape) -> [GemmConfig: Double] {
        let o = GemmOperands(s)
        let configs = GemmConfig.allCases.filter { !$0.isOpenBLAS || blas != nil }
        var samples: [GemmConfig: [Double]] = [:]
        for _ in 0..<rounds {
            for config in configs {
                prepare(config)
                for _ in 0..<3 { call(config, s, o) }
                let t0 = now(config); call(config, s, o)
                let single = max(now(config) - t0, 1e-8)
                let batch = max(1, Int(secondsPerSample / 20 / single))
                for _ in 0..<20 {
                    let start = now(config)
                    for _ in 0..<batch { call(config, s, o) }
                    samples[config, default: []].append((now(config) - start) / Double(batch))
                }
                if config == .openblas2 {
                    // Let OpenBLAS's workers stop spinning before ours run again.
                    blas?.setThreads(1)
                    usleep(200_000)
                }
            }
        }
        return samples.mapValues { $0.sorted()[$0.count / 2] }
    }
}

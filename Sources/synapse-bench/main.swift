// synapse-bench: measures Synapse's kernels against OpenBLAS (loaded at run time).
//   swift run -c release synapse-bench gemm [--rounds N] [--json path] [--only LABEL] [--cpu-time]
import CSynapseKernels
import Foundation

/// Command-line options of `synapse-bench gemm`.
struct BenchOptions {
    var rounds = 3
    var jsonPath: String?
    var only: String?
    /// Times the one-thread configs in the calling thread's CPU time, so that
    /// other processes on a shared machine do not count (see GemmBenchmark).
    var cpuTime = false

    init(_ args: [String]) {
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--rounds" where i + 1 < args.count: rounds = max(1, Int(args[i + 1]) ?? 3); i += 1
            case "--json" where i + 1 < args.count: jsonPath = args[i + 1]; i += 1
            case "--only" where i + 1 < args.count: only = args[i + 1]; i += 1
            case "--cpu-time": cpuTime = true
            default:
                FileHandle.standardError.write("unknown option \(args[i])\n".data(using: .utf8)!)
                exit(2)
            }
            i += 1
        }
    }
}

func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
}

func runGemmBenchmark(_ options: BenchOptions) {
    let blas = OpenBLAS.load()
    print("Synapse kernel: \(String(cString: syn_gemm_kernel_name())), "
          + "OpenBLAS: \(blas.map { "loaded (core \($0.coreName))" } ?? "not installed")")
    print("GFLOP/s (µs per call), median of 20 samples × \(options.rounds) interleaved rounds"
          + (options.cpuTime ? "; 1T in thread CPU time, 2T in wall time" : ""))
    let configs = GemmConfig.allCases.filter { !$0.isOpenBLAS || blas != nil }
    var header = pad("shape", 18) + pad("M×N×K", 15) + pad("op", 4)
    for c in configs { header += pad(c.title, 17) }
    if blas != nil { header += pad("Syn/OB 1T", 11) + pad("Syn/OB 2T", 11) }
    print(header)
    let bench = GemmBenchmark(blas: blas, rounds: options.rounds, secondsPerSample: 0.05,
                              oneThreadCPUTime: options.cpuTime)
    var records: [[String: Any]] = []
    for shape in GemmShape.standard where options.only.map({ shape.label.contains($0) }) ?? true {
        let times = bench.run(shape)
        var line = pad(shape.label, 18) + pad("\(shape.m)×\(shape.n)×\(shape.k)", 15) + pad(shape.op, 4)
        var record: [String: Any] = ["shape": shape.label, "m": shape.m, "n": shape.n, "k": shape.k,
                                     "op": shape.op]
        for c in configs {
            let t = times[c]!
            line += pad(String(format: "%.1f (%.2f)", shape.flops / t / 1e9, t * 1e6), 17)
            record[c.title] = ["gflops": shape.flops / t / 1e9, "us": t * 1e6]
        }
        if blas != nil {
            let r1 = times[.openblas1]! / times[.synapse1]!, r2 = times[.openblas2]! / times[.synapse2]!
            line += pad(String(format: "%.2f", r1), 11) + pad(String(format: "%.2f", r2), 11)
            record["ratio1"] = r1; record["ratio2"] = r2
        }
        print(line)
        fflush(nil)  // all output streams; `stdout` is a global Swift 6 cannot prove safe
        records.append(record)
    }
    syn_set_num_threads(1)
    if let path = options.jsonPath {
        let data = try! JSONSerialization.data(withJSONObject: records, options: [.prettyPrinted, .sortedKeys])
        let temp = path + ".tmp"
        do {
            try data.write(to: URL(fileURLWithPath: temp))
            guard rename(temp, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            FileHandle.standardError.write("could not write \(path): \(error)\n".data(using: .utf8)!)
            exit(1)
        }
    }
    print("ratio = OpenBLAS time / Synapse time (> 1: Synapse faster)")
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "gemm": runGemmBenchmark(BenchOptions(Array(arguments.dropFirst())))
default:
    print("usage: synapse-bench gemm [--rounds N] [--json path] [--only label-substring] [--cpu-time]")
    exit(arguments.isEmpty ? 0 : 2)
}

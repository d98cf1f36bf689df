// Times one training step (forward, backward, Adam) of Keras's simple MNIST
// convnet at batch 128, and the convolution building blocks on their own.
// Run in release mode: swift run -c release synapse-convbench [steps] [train]
// ("train" stops after the training step and inference timings).
import CSynapseKernels
import Foundation
import Synapse

/// Seconds of wall-clock time, or, with SYNAPSE_BENCH_CPU_TIME=1, of this
/// process's CPU time: on a loaded shared machine the CPU time of a
/// single-threaded run (SYNAPSE_NUM_THREADS=1) shows the cost without the
/// time spent waiting for a core.
let usesCPUTime = ProcessInfo.processInfo.environment["SYNAPSE_BENCH_CPU_TIME"] == "1"
func now() -> Double {
    guard usesCPUTime else { return Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The median of `repeats` timings of `body`, in microseconds.
func microseconds(repeats: Int = 20, _ body: () -> Void) -> Double {
    body()
    var samples: [Double] = []
    for _ in 0..<repeats {
        let start = now()
        body()
        samples.append((now() - start) * 1e6)
    }
    return samples.sorted()[samples.count / 2]
}

let steps = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 30
let batch = 128
print("GEMM kernel: \(String(cString: syn_gemm_kernel_name())), threads: \(syn_num_threads()), clock: \(usesCPUTime ? "process CPU time" : "wall")")

Synapse.seed(1)
let model = Sequential.simpleConvNet()
try model.build(inputShape: [28, 28, 1])
model.train()
let optimizer = Optimizer.adam()
let loss = Loss.sparseCategoricalCrossentropy
let x = Tensor.randomUniform([batch, 28, 28, 1], seed: 2)
let y = Tensor(shape: [batch], scalars: (0..<batch).map { Float($0 % 10) })

func geometry(_ h: Int, _ w: Int, _ c: Int, kernel: Int, out: (Int, Int)) -> syn_window_geometry {
    syn_window_geometry(batch: batch, in_h: h, in_w: w, channels: c, out_h: out.0, out_w: out.1,
                        kernel_h: kernel, kernel_w: kernel, stride_h: kernel == 2 ? 2 : 1, stride_w: kernel == 2 ? 2 : 1,
                        dilation_h: 1, dilation_w: 1, pad_top: 0, pad_left: 0)
}
func buffer(_ count: Int) -> UnsafeMutablePointer<Float> {
    let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
    for i in 0..<count { p[i] = Float(i % 13) * 0.1 - 0.6 }
    return p
}
/// Forward, backward and Adam times of one training step through `forward`.
@MainActor func trainStep(_ forward: (Tensor) -> Tensor) -> (forward: Double, backward: Double, update: Double) {
    let t0 = now()
    let value = loss(predictions: forward(x), targets: y)
    let t1 = now()
    let parameters = model.trainableParameters
    let gradients = value.gradients(wrt: parameters.map(\.value))
    let t2 = now()
    optimizer.update(parameters, gradients: gradients)
    return (t1 - t0, t2 - t1, now() - t2)
}
// Sequential fuses each Conv2D with the MaxPool2D after it; calling the
// layers one by one (as a subclassed model does) runs them unfused.
let layerByLayer: (Tensor) -> Tensor = { input in model.layers.reduce(input) { $1($0) } }
var fusedTimes: [(Double, Double, Double)] = [], plainTimes: [(Double, Double, Double)] = []
for step in 0...steps {
    let fused = trainStep { model($0) }
    let plain = trainStep(layerByLayer)
    if step > 0 { fusedTimes.append(fused); plainTimes.append(plain) }
}
func report(_ label: String, _ times: [(Double, Double, Double)]) -> Double {
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    let total = median(times.map { $0.0 + $0.1 + $0.2 })
    print(String(format: "train step %@, batch %d: %.0f µs (forward %.0f, backward %.0f, Adam %.0f; medians); epoch of 469 steps ≈ %.2f s",
                 label, batch, total * 1e6, median(times.map(\.0)) * 1e6, median(times.map(\.1)) * 1e6,
                 median(times.map(\.2)) * 1e6, total * 469))
    return total
}
let fusedStep = report("(conv+pool fused)", fusedTimes), plainStep = report("(layer by layer)", plainTimes)
print(String(format: "fused / layer by layer: %.2f", fusedStep / plainStep))

// Inference throughput at batch 1000 (forward only, no tape).
model.eval()
let inferenceBatch = 1000
let images = Tensor.randomUniform([inferenceBatch, 28, 28, 1], seed: 3)
var fusedInference: [Double] = [], plainInference: [Double] = []
for _ in 0..<6 {
    fusedInference.append(microseconds(repeats: 1) { _ = withoutGradients { model(images) } })
    plainInference.append(microseconds(repeats: 1) { _ = withoutGradients { layerByLayer(images) } })
}
for (label, samples) in [("fused", fusedInference), ("layer by layer", plainInference)] {
    let inference = samples.sorted()[samples.count / 2]
    print(String(format: "inference %@, batch %d: %.0f µs, %.0f images/s", label, inferenceBatch, inference,
                 Double(inferenceBatch) / inference * 1e6))
}
model.train()
if CommandLine.arguments.dropFirst(2).first == "train" { exit(0) }

// The fused convolution passes at the network's shapes.
for (name, h, c, f, needInput) in [("conv1", 28, 1, 32, false), ("conv2", 13, 32, 64, true)] {
    var g = geometry(h, h, c, kernel: 3, out: (h - 2, h - 2))
    let rows = batch * (h - 2) * (h - 2), depth = 9 * c
    let input = buffer(batch * h * h * c), w = buffer(depth * f), out = buffer(rows * f), dy = buffer(rows * f)
    let dx = buffer(batch * h * h * c), dw = buffer(depth * f), db = buffer(f)
    let forwardTime = microseconds(repeats: 10) { syn_conv2d_forward(input, w, w, out, f, 1, &g) }
    let pooledTime = microseconds(repeats: 10) { syn_conv2d_max_pool_forward(input, w, w, out, nil, f, 1, &g) }
    let backwardTime = microseconds(repeats: 10) {
        syn_conv2d_backward(input, w, out, dy, f, 1, needInput ? dx : nil, dw, db, &g)
    }
    print(String(format: "%@ fused: forward (im2col+GEMM+bias+ReLU) %.0f µs, with max pool, no winners %.0f µs, backward (mask+dbias+dW%@) %.0f µs",
                 name, forwardTime, pooledTime, needInput ? "+dX+col2im" : "", backwardTime))
}

// The building blocks at the network's shapes.
for (name, h, c, f) in [("conv1", 28, 1, 32), ("conv2", 13, 32, 64)] {
    var g = geometry(h, h, c, kernel: 3, out: (h - 2, h - 2))
    let rows = batch * (h - 2) * (h - 2), depth = 9 * c
    let input = buffer(batch * h * h * c), cols = buffer(rows * depth), w = buffer(depth * f), out = buffer(rows * f)
    let im2col = microseconds { syn_conv_im2col(input, cols, &g) }
    let col2im = microseconds { syn_conv_col2im(cols, input, &g) }
    let gemmForward = microseconds(repeats: 5) { syn_sgemm(0, 0, rows, f, depth, 1, cols, depth, w, f, 0, out, f) }
    let gemmKernel = microseconds(repeats: 5) { syn_sgemm(1, 0, depth, f, rows, 1, cols, depth, out, f, 0, w, f) }
    let gemmInput = microseconds(repeats: 5) { syn_sgemm(0, 1, rows, depth, f, 1, out, f, w, f, 0, cols, depth) }
    let epilogue = microseconds { syn_conv_bias_activation(out, w, rows, f, 1) }
    let epilogueBack = microseconds { syn_conv_bias_activation_backward(out, out, out, w, rows, f, 1) }
    print(String(format: "%@: im2col %.0f µs, col2im %.0f µs, GEMM fwd %.0f µs, GEMM dW %.0f µs, GEMM dX %.0f µs, bias+relu %.0f µs, its backward %.0f µs",
                 name, im2col, col2im, gemmForward, gemmKernel, gemmInput, epilogue, epilogueBack))
}
for (name, h, c) in [("pool1", 26, 32), ("pool2", 11, 64)] {
    let o = h / 2
    var g = geometry(h, h, c, kernel: 2, out: (o, o))
    let input = buffer(batch * h * h * c), out = buffer(batch * o * o * c)
    let winners = UnsafeMutablePointer<Int32>.allocate(capacity: batch * o * o * c)
    let forwardTime = microseconds { syn_conv_max_pool(input, out, winners, &g) }
    let backwardTime = microseconds { syn_conv_max_pool_backward(out, winners, input, &g) }
    print(String(format: "%@: max pool %.0f µs, backward %.0f µs", name, forwardTime, backwardTime))
}

// Dropout on the convnet's flattened features.
let dropout = Dropout(0.5)
dropout.train()
let features = Tensor.randomUniform([batch, 1600], seed: 4)
print(String(format: "dropout(0.5) on [%d, 1600]: %.0f µs", batch, microseconds { _ = dropout(features) }))

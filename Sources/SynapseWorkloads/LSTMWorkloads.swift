import Foundation
import Synapse

/// R1, the recurrent workload (Benchmarks/torch_lstm_workloads.py is the
/// PyTorch side): the median time of one forward and backward pass of
/// `LSTM(256, returnSequences: true)` over a `[32, 64, 65]` batch (char-rnn's
/// shape: 32 windows of 64 one-hot characters), gradients for the input and
/// every weight.
func lstmWorkloads(seed: UInt64, iterations: Int = 30, warmup: Int = 3) -> [String: Any] {
    Synapse.seed(seed)
    let layer = LSTM(256, returnSequences: true)
    let input = Tensor.randomNormal([32, 64, 65], seed: seed).requiringGradient()
    let upstream = Tensor.randomNormal([32, 64, 256], seed: seed + 1)
    _ = withoutGradients { layer(input) }
    let weights = layer.parameters.map(\.value)
    var times: [Double] = []
    for iteration in 0..<(warmup + iterations) {
        let start = Date()
        let gradients = (layer(input) * upstream).sum().gradients(wrt: [input] + weights)
        precondition(gradients.count == 1 + weights.count)
        if iteration >= warmup { times.append(Date().timeIntervalSince(start)) }
    }
    return ["forward_backward_ms": median(times) * 1000, "iterations": iterations, "shape": [32, 64, 65], "units": 256]
}

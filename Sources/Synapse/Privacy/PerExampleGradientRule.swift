/// A layer whose per-example parameter gradients can be computed from the
/// batch's activations and output gradients, without a backward pass per
/// example.
///
/// `input` is the layer's input for the batch; `outputGradient` is the
/// gradient of the summed per-example losses with respect to the output that
/// `forwardWithDetachedParameters` returned. Both keep the batch on axis 0.
protocol PerExampleGradientRule: Layer {
    /// The layer's trainable parameters, in the order the methods return them.
    var ruleParameters: [Parameter] { get }

    /// The layer's computation with its parameters cut from the tape: the
    /// output whose gradient the rule needs, and what turns it into the
    /// layer's output (the activation; the identity for normalisations).
    func forwardWithDetachedParameters(_ input: Tensor) -> (output: Tensor, finish: (Tensor) -> Tensor)

    /// Each example's gradient for each parameter: `[batch] + parameter.shape`.
    func perExampleGradients(input: Tensor, outputGradient: Tensor) -> [Tensor]

    /// Each example's squared gradient norm over all of this layer's parameters.
    func perExampleSquaredNorms(input: Tensor, outputGradient: Tensor) -> [Float]

    /// Σᵢ weights[i] · (example i's gradient), for each parameter.
    func weightedGradients(input: Tensor, outputGradient: Tensor, weights: [Float]) -> [Tensor]
}

extension PerExampleGradientRule {
    /// From the materialised per-example gradients.
    func perExampleSquaredNorms(input: Tensor, outputGradient: Tensor) -> [Float] {
        squaredNormsPerExample(perExampleGradients(input: input, outputGradient: outputGradient), batch: input.shape[0])
    }

    /// From the materialised per-example gradients: one GEMV per parameter.
    func weightedGradients(input: Tensor, outputGradient: Tensor, weights: [Float]) -> [Tensor] {
        let batch = input.shape[0]
        let weightRow = Tensor(shape: [1, batch], scalars: weights)
        return perExampleGradients(input: input, outputGradient: outputGradient).map { gradient in
            let shape = Array(gradient.shape.dropFirst())
            return weightRow.matmul(gradient.reshaped(to: [batch, -1])).reshaped(to: shape)
        }
    }
}

/// Each example's squared norm over `gradients`, each `[batch] + shape`.
func squaredNormsPerExample(_ gradients: [Tensor], batch: Int) -> [Float] {
    var norms = [Float](repeating: 0, count: batch)
    for gradient in gradients {
        let perExample = rowSquaredNorms(gradient, rows: batch, width: gradient.count / max(batch, 1))
        for example in 0 ..< batch { norms[example] += perExample[example] }
    }
    return norms
}

/// The squared L2 norm of each row of a `[rows, width]` buffer.
func rowSquaredNorms(_ tensor: Tensor, rows: Int, width: Int) -> [Float] {
    tensor.withUnsafeBufferPointer { values in
        (0 ..< rows).map { row in squaredNorm(values.baseAddress! + row * width, count: width) }
    }
}

/// Σ xᵢ² over `count` values, in eight lanes (a scalar sum in order cannot be vectorised;
/// `addProduct` would call `fmaf` per lane where the build targets no FMA).
private func squaredNorm(_ start: UnsafePointer<Float>, count: Int) -> Float {
    var lanes = SIMD8<Float>.zero
    var index = 0
    let raw = UnsafeRawPointer(start)
    while index + 8 <= count {
        let chunk = raw.loadUnaligned(fromByteOffset: index * MemoryLayout<Float>.stride, as: SIMD8<Float>.self)
        lanes += chunk * chunk
        index += 8
    }
    var sum = lanes.sum()
    while index < count {
        sum += start[index] * start[index]
        index += 1
    }
    return sum
}

/// `[batch] + kernelShape` per-example kernel gradients, each written by
/// `body` from that example's slice of the input and of the output gradient.
func perExampleKernelGradients(
    input: Tensor, outputGradient: Tensor, kernelShape: [Int],
    _ body: (_ input: UnsafePointer<Float>, _ outputGradient: UnsafePointer<Float>,
             _ kernelGradient: UnsafeMutablePointer<Float>) -> Void
) -> Tensor {
    let batch = input.shape[0]
    let inputSize = input.count / batch, outputSize = outputGradient.count / batch
    let kernelSize = kernelShape.reduce(1, *)
    let gradients = Tensor(uninitializedShape: [batch] + kernelShape)
    for example in 0 ..< batch {
        body(input.storage.pointer + example * inputSize, outputGradient.storage.pointer + example * outputSize,
             gradients.storage.pointer + example * kernelSize)
    }
    return gradients
}

/// Layer normalisation over the last axis as one operation, forward and
/// backward, instead of the dozen elementwise operations (and buffers) the
/// composed formula records.
extension Tensor {
    /// (x − mean) / √(variance + ε) · γ + β along the last axis, where `gamma`
    /// and `beta` have the size of that axis; the variance is the biased one,
    /// as Keras and PyTorch compute it.
    public func layerNormalized(gamma: Tensor, beta: Tensor, epsilon: Float) -> Tensor {
        let width = shape.last ?? 0
        precondition(width > 0 && gamma.shape == [width] && beta.shape == [width],
                     "layerNormalized: input \(shape) needs gamma and beta of shape [\(width)], got \(gamma.shape) and \(beta.shape)")
        let rows = count / width
        let result = Tensor(uninitializedShape: shape), normalized = Tensor(uninitializedShape: shape)
        let inverseDeviations = Tensor(uninitializedShape: [rows])
        let x = storage.pointer, y = result.storage.pointer, xhat = normalized.storage.pointer
        let g = gamma.storage.pointer, b = beta.storage.pointer, inverse = inverseDeviations.storage.pointer
        for row in 0..<rows {
            let input = x + row * width, hat = xhat + row * width, output = y + row * width
            var sum: Float = 0
            for j in 0..<width { sum += input[j] }
            let mean = sum / Float(width)
            var squares: Float = 0
            for j in 0..<width { let d = input[j] - mean; squares += d * d }
            let scale = 1 / (squares / Float(width) + epsilon).squareRoot()
            inverse[row] = scale
            for j in 0..<width {
                hat[j] = (input[j] - mean) * scale
                output[j] = hat[j] * g[j] + b[j]
            }
        }
        let needInput = requiresGradient
        return Tensor.recording(result, [self, gamma, beta]) { outputGradient in
            let inputGradient = Tensor(uninitializedShape: outputGradient.shape)
            let gammaGradient = Tensor.zeros([width]), betaGradient = Tensor.zeros([width])
            let dy = outputGradient.storage.pointer, dx = inputGradient.storage.pointer
            let dg = gammaGradient.storage.pointer, db = betaGradient.storage.pointer
            // Read through the tensors, so the closure keeps their buffers alive.
            let xhat = normalized.storage.pointer, inverse = inverseDeviations.storage.pointer, g = gamma.storage.pointer
            for row in 0..<rows {
                let upstream = dy + row * width, hat = xhat + row * width, into = dx + row * width
                var meanScaled: Float = 0, meanProjected: Float = 0
                for j in 0..<width {
                    let scaled = upstream[j] * g[j]
                    meanScaled += scaled
                    meanProjected += scaled * hat[j]
                    dg[j] += upstream[j] * hat[j]
                    db[j] += upstream[j]
                }
                meanScaled /= Float(width)
                meanProjected /= Float(width)
                let scale = inverse[row]
                for j in 0..<width { into[j] = scale * (upstream[j] * g[j] - meanScaled - hat[j] * meanProjected) }
            }
            return [needInput ? inputGradient : nil, gammaGradient, betaGradient]
        }
    }
}

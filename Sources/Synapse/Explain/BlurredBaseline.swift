import Foundation

/// A blurred copy of image inputs, as a baseline for integrated gradients
/// (Sturmfels et al., 2020): it removes the fine detail a model looks at while
/// keeping the image's overall brightness, where a black baseline says
/// nothing about dark pixels.
public enum BlurredBaseline {
    /// Each image of `inputs` (`[N, h, w]` or `[N, h, w, c]`) blurred by a
    /// Gaussian of standard deviation `sigma` pixels (edges repeat the border).
    public static func make(from inputs: Tensor, sigma: Float = 5) throws -> Tensor {
        let image = try imageSize(of: inputs, method: "the blurred baseline")
        guard sigma > 0 else { throw ExplainError.invalidArgument(name: "sigma", value: "\(sigma)", expected: "positive") }
        let radius = Int((3 * sigma).rounded(.up))
        var weights = (-radius...radius).map { Foundation.exp(-Float($0 * $0) / (2 * sigma * sigma)) }
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        let (height, width, channels) = image
        var values = inputs.scalars
        let size = height * width * channels
        for example in 0..<inputs.shape[0] {
            let base = example * size
            // Along rows, then along columns.
            for (outer, inner, stride) in [(height, width, channels), (width, height, width * channels)] {
                var blurred = values
                for o in 0..<outer {
                    for i in 0..<inner {
                        for channel in 0..<channels {
                            var sum: Float = 0
                            for (k, weight) in weights.enumerated() {
                                let j = min(max(i + k - radius, 0), inner - 1)
                                let index = stride == channels
                                    ? base + (o * width + j) * channels + channel
                                    : base + (j * width + o) * channels + channel
                                sum += weight * values[index]
                            }
                            let index = stride == channels ? base + (o * width + i) * channels + channel
                                : base + (i * width + o) * channels + channel
                            blurred[index] = sum
                        }
                    }
                }
                values = blurred
            }
        }
        return Tensor(shape: inputs.shape, scalars: values)
    }
}

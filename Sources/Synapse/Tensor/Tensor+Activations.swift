import CSynapseKernels
import Foundation

/// The activation functions: the article's sigmoid, tanh and ReLU, and the
/// modern ones.
extension Tensor {
    /// max(0, x) for each element.
    public func relu() -> Tensor {
        let result = mapElements { Swift.max($0, 0) }
        return Tensor.recording(result, self) { grad in
            grad.zipElements(result) { $1 > 0 ? $0 : 0 }
        }
    }

    /// 1 / (1 + e⁻ˣ) for each element.
    public func sigmoid() -> Tensor {
        let result = applyingKernel { syn_vsigmoid($0, $1, $2) }
        return Tensor.recording(result, self) { grad in
            grad.zipElements(result) { $0 * $1 * (1 - $1) }
        }
    }

    /// The hyperbolic tangent of each element.
    public func tanh() -> Tensor {
        let result = applyingKernel { syn_vtanh($0, $1, $2) }
        return Tensor.recording(result, self) { grad in
            grad.zipElements(result) { $0 * (1 - $1 * $1) }
        }
    }

    /// x for positive elements, `slope`·x otherwise.
    public func leakyRelu(slope: Float = 0.2) -> Tensor {
        let result = mapElements { $0 > 0 ? $0 : slope * $0 }
        return Tensor.recording(result, self) { grad in
            grad.zipElements(self) { $1 > 0 ? $0 : slope * $0 }
        }
    }

    /// x for positive elements, α(eˣ − 1) otherwise.
    public func elu(alpha: Float = 1) -> Tensor {
        let result = mapElements { $0 > 0 ? $0 : alpha * (Foundation.exp($0) - 1) }
        return Tensor.recording(result, self) { grad in
            let slope = self.detached().mapElements { $0 > 0 ? 1 : alpha * Foundation.exp($0) }
            return grad * slope
        }
    }

    /// x·Φ(x), the Gaussian error linear unit (exact form, with erf).
    ///
    /// One pass computes the output and its slope Φ(x) + x·φ(x), kept for
    /// the backward pass: e^(−x²/2) comes from the vectorised exp kernel, and
    /// erf(x/√2) from it and a rational polynomial (Abramowitz & Stegun
    /// 7.1.26, absolute error below 1.5e-7).
    public func gelu() -> Tensor {
        let result = Tensor(uninitializedShape: shape), slope = Tensor(uninitializedShape: shape)
        let x = storage.pointer, y = result.storage.pointer, dy = slope.storage.pointer, n = count
        for i in 0..<n { dy[i] = -0.5 * x[i] * x[i] }
        syn_vexp(dy, dy, n)
        for i in 0..<n {
            let value = x[i], gaussian = dy[i]
            let t = 1 / (1 + 0.327_591_1 * Swift.abs(value) * 0.707_106_77)
            let poly = t * (0.254_829_592 + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))))
            let erfMagnitude = 1 - poly * gaussian
            let cdf = 0.5 * (1 + (value < 0 ? -erfMagnitude : erfMagnitude))
            y[i] = value * cdf
            dy[i] = cdf + value * gaussian * 0.398_942_28
        }
        return Tensor.recording(result, self) { grad in grad * slope }
    }

    /// log(1 + eˣ) for each element, computed without overflow.
    public func softplus() -> Tensor {
        let result = mapElements { Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) }
        return Tensor.recording(result, self) { grad in grad * self.detached().sigmoid() }
    }

    /// x·sigmoid(x) for each element (also called SiLU).
    public func swish() -> Tensor {
        let gate = detached().sigmoid()
        let result = zipElements(gate) { $0 * $1 }
        return Tensor.recording(result, self) { grad in
            grad * gate.zipElements(self.detached()) { s, x in s * (1 + x * (1 - s)) }
        }
    }
}

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
    public func gelu() -> Tensor {
        let result = mapElements { 0.5 * $0 * (1 + Foundation.erf($0 / Float(2).squareRoot())) }
        return Tensor.recording(result, self) { grad in
            let slope = self.detached().mapElements { x -> Float in
                let cdf = 0.5 * (1 + Foundation.erf(x / Float(2).squareRoot()))
                let pdf = Foundation.exp(-0.5 * x * x) / Float(2 * Float.pi).squareRoot()
                return cdf + x * pdf
            }
            return grad * slope
        }
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

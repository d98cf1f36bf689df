import CSynapseKernels
import Foundation

/// Elementwise mathematical functions.
extension Tensor {
    /// A tensor computed by one of the vectorised C kernels.
    func applyingKernel(_ kernel: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        kernel(storage.pointer, result.storage.pointer, count)
        return result
    }

    /// eˣ for each element.
    public func exp() -> Tensor {
        let result = applyingKernel { syn_vexp($0, $1, $2) }
        return Tensor.recording(result, self) { $0 * result }
    }

    /// The natural logarithm of each element.
    public func log() -> Tensor {
        let result = applyingKernel { syn_vlog($0, $1, $2) }
        return Tensor.recording(result, self) { $0 / self }
    }

    /// The square root of each element.
    public func sqrt() -> Tensor {
        let result = mapElements { $0.squareRoot() }
        return Tensor.recording(result, self) { $0 * 0.5 / result }
    }

    /// Each element squared.
    public func squared() -> Tensor {
        let result = mapElements { $0 * $0 }
        return Tensor.recording(result, self) { $0 * self * 2 }
    }

    /// Each element raised to `exponent`.
    public func pow(_ exponent: Float) -> Tensor {
        if exponent == 2 { return squared() }
        let result = mapElements { Foundation.pow($0, exponent) }
        return Tensor.recording(result, self) { grad in
            grad * self.detached().mapElements { exponent * Foundation.pow($0, exponent - 1) }
        }
    }

    /// Each element raised to the matching element of `exponent`, with broadcasting.
    public func pow(_ exponent: Tensor) -> Tensor {
        let result = Tensor.broadcasting(self, exponent, op: "pow") { Foundation.pow($0, $1) }
        return Tensor.recording(result, [self, exponent]) { grad in
            let base = self.detached(), power = exponent.detached()
            let dBase = grad * power * Tensor.broadcasting(base, power, op: "pow") { Foundation.pow($0, $1 - 1) }
            let logBase = base.mapElements { $0 > 0 ? Foundation.log($0) : 0 }
            let dPower = grad * result * logBase
            return [dBase.unbroadcast(to: base.shape), dPower.unbroadcast(to: power.shape)]
        }
    }

    /// The absolute value of each element.
    public func abs() -> Tensor {
        let result = mapElements { Swift.abs($0) }
        return Tensor.recording(result, self) { grad in
            grad * self.detached().mapElements { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        }
    }

    /// Each element limited to `[lower, upper]`; the gradient is zero where clipped.
    public func clipped(to lower: Float, _ upper: Float) -> Tensor {
        let result = mapElements { Swift.min(Swift.max($0, lower), upper) }
        return Tensor.recording(result, self) { grad in
            grad * self.detached().mapElements { $0 >= lower && $0 <= upper ? 1 : 0 }
        }
    }
}

/// eˣ for each element of `x`.
public func exp(_ x: Tensor) -> Tensor { x.exp() }
/// The natural logarithm of each element of `x`.
public func log(_ x: Tensor) -> Tensor { x.log() }
/// The square root of each element of `x`.
public func sqrt(_ x: Tensor) -> Tensor { x.sqrt() }
/// Each element of `x` raised to `exponent`.
public func pow(_ x: Tensor, _ exponent: Float) -> Tensor { x.pow(exponent) }
/// The absolute value of each element of `x`.
public func abs(_ x: Tensor) -> Tensor { x.abs() }

import Foundation

/// The gradient a spike passes back in place of the Heaviside step's, whose
/// derivative is zero almost everywhere (snnTorch's `surrogate` module).
///
/// The forward pass always fires a spike when U − θ > 0; only the backward
/// pass uses the surrogate's derivative at x = U − θ:
/// - `fastSigmoid` (slope k = 25): 1 / (1 + k|x|)²
/// - `arctan` (α = 2): (α/2) / (1 + (παx/2)²)
/// - `sigmoid` (slope k = 25): k·σ(kx)·(1 − σ(kx))
/// - `straightThrough`: 1
/// - `custom(name:derivative:)`: your function
///
/// ```swift
/// let lif = try Leaky(beta: 0.9, surrogate: try .fastSigmoid(slope: 10))
/// ```
public struct Surrogate: Sendable {
    enum Kind: Sendable {
        case fastSigmoid(slope: Float)
        case arctan(alpha: Float)
        case sigmoid(slope: Float)
        case straightThrough
        case custom(name: String, derivative: @Sendable (Float) -> Float)
    }

    let kind: Kind
    /// When true, the forward pass outputs the smooth function whose
    /// derivative the surrogate is, instead of the Heaviside step: the
    /// "surrogate-smoothed" network that finite differences can check.
    var smoothForward = false

    /// Fast sigmoid with slope 25, snnTorch's `fast_sigmoid()` default.
    public static let fastSigmoid = Surrogate(kind: .fastSigmoid(slope: 25))
    /// Arctan with α = 2, snnTorch's default surrogate.
    public static let arctan = Surrogate(kind: .arctan(alpha: 2))
    /// Sigmoid with slope 25.
    public static let sigmoid = Surrogate(kind: .sigmoid(slope: 25))
    /// The straight-through estimator: the gradient passes unchanged.
    public static let straightThrough = Surrogate(kind: .straightThrough)

    /// Fast sigmoid, 1 / (1 + slope·|x|)²; throws for a slope ≤ 0.
    public static func fastSigmoid(slope: Float) throws -> Surrogate {
        try checkPositive(slope, "fast_sigmoid")
        return Surrogate(kind: .fastSigmoid(slope: slope))
    }

    /// Arctan, (α/2) / (1 + (παx/2)²); throws for α ≤ 0.
    public static func arctan(alpha: Float) throws -> Surrogate {
        try checkPositive(alpha, "arctan")
        return Surrogate(kind: .arctan(alpha: alpha))
    }

    /// Sigmoid, slope·σ(slope·x)·(1 − σ(slope·x)); throws for a slope ≤ 0.
    public static func sigmoid(slope: Float) throws -> Surrogate {
        try checkPositive(slope, "sigmoid")
        return Surrogate(kind: .sigmoid(slope: slope))
    }

    /// Your own surrogate: `derivative(x)` at x = U − θ. Models using it
    /// save, but load only with the surrogate set again in code.
    public static func custom(name: String, derivative: @escaping @Sendable (Float) -> Float) -> Surrogate {
        Surrogate(kind: .custom(name: name, derivative: derivative))
    }

    private static func checkPositive(_ value: Float, _ name: String) throws {
        guard value > 0, value.isFinite else { throw SpikingError.nonPositiveSlope(surrogate: name, value: value) }
    }

    /// The surrogate's name: `fast_sigmoid`, `arctan`, `sigmoid`,
    /// `straight_through`, or a custom one's name.
    public var name: String {
        switch kind {
        case .fastSigmoid: return "fast_sigmoid"
        case .arctan: return "arctan"
        case .sigmoid: return "sigmoid"
        case .straightThrough: return "straight_through"
        case let .custom(name, _): return name
        }
    }

    /// The slope (k or α), for the surrogates that have one.
    public var slope: Float? {
        switch kind {
        case let .fastSigmoid(k), let .sigmoid(k): return k
        case let .arctan(alpha): return alpha
        case .straightThrough, .custom: return nil
        }
    }

    /// dS/dU at x = U − θ.
    public func derivative(at x: Float) -> Float {
        switch kind {
        case let .fastSigmoid(k):
            let d = 1 + k * Swift.abs(x)
            return 1 / (d * d)
        case let .arctan(alpha):
            let z = Float.pi * alpha * x / 2
            return (alpha / 2) / (1 + z * z)
        case let .sigmoid(k):
            let s = 1 / (1 + Foundation.exp(-k * x))
            return k * s * (1 - s)
        case .straightThrough:
            return 1
        case let .custom(_, derivative):
            return derivative(x)
        }
    }

    /// A function whose derivative is `derivative(at:)`: what a spike is in
    /// the surrogate-smoothed network.
    func smoothed(at x: Float) -> Float {
        switch kind {
        case let .fastSigmoid(k): return x / (1 + k * Swift.abs(x))
        case let .arctan(alpha): return Foundation.atan(Float.pi * alpha * x / 2) / Float.pi + 0.5
        case let .sigmoid(k): return 1 / (1 + Foundation.exp(-k * x))
        case .straightThrough: return x
        case .custom: preconditionFailure("Surrogate.smoothed: a custom surrogate has no known primitive")
        }
    }

    /// Replaces each x in `values` by `derivative(at: x)`; one switch, then a
    /// tight loop.
    func applyDerivative(_ values: UnsafeMutablePointer<Float>, count: Int) {
        switch kind {
        case let .fastSigmoid(k):
            for i in 0..<count {
                let d = 1 + k * Swift.abs(values[i])
                values[i] = 1 / (d * d)
            }
        case let .arctan(alpha):
            let scale = Float.pi * alpha / 2, half = alpha / 2
            for i in 0..<count {
                let z = scale * values[i]
                values[i] = half / (1 + z * z)
            }
        case .straightThrough:
            values.update(repeating: 1, count: count)
        case .sigmoid, .custom:
            for i in 0..<count { values[i] = derivative(at: values[i]) }
        }
    }

    /// The spike for x = U − θ: 1 when x > 0 (strictly), else 0; in the
    /// smoothed network, `smoothed(at:)`.
    @inline(__always)
    func spike(_ x: Float) -> Float {
        smoothForward ? smoothed(at: x) : (x > 0 ? 1 : 0)
    }
}

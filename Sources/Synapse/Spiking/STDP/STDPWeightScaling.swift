/// How much an STDP update may change a weight, as a function of the
/// weight: the f_post(w) and f_pre(w) of the pair rule.
public enum STDPWeightScaling: Sendable {
    /// A constant rate η (additive STDP).
    case constant(Float)
    /// η·(maximum − w): potentiation that slows near the upper bound.
    case softBound(rate: Float, maximum: Float)
    /// η·w: depression that slows near zero.
    case proportional(Float)
    /// Your own function of w.
    case custom(@Sendable (Float) -> Float)

    /// f(w).
    @inline(__always)
    public func callAsFunction(_ w: Float) -> Float {
        switch self {
        case let .constant(rate): return rate
        case let .softBound(rate, maximum): return rate * (maximum - w)
        case let .proportional(rate): return rate * w
        case let .custom(function): return function(w)
        }
    }
}

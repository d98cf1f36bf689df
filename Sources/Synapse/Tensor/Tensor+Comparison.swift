/// Elementwise comparisons, with broadcasting. Each returns 1 where the
/// comparison holds and 0 elsewhere; comparisons have no gradient.
extension Tensor {
    /// 1 where `lhs == rhs`.
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, op: "equal") { $0 == $1 ? 1 : 0 }
    }
    /// 1 where `lhs != rhs`.
    public static func .!= (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, op: "notEqual") { $0 != $1 ? 1 : 0 }
    }
    /// 1 where `lhs < rhs`.
    public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, op: "less") { $0 < $1 ? 1 : 0 }
    }
    /// 1 where `lhs <= rhs`.
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, op: "lessEqual") { $0 <= $1 ? 1 : 0 }
    }
    /// 1 where `lhs > rhs`.
    public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, op: "greater") { $0 > $1 ? 1 : 0 }
    }
    /// 1 where `lhs >= rhs`.
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcasting(lhs, rhs, op: "greaterEqual") { $0 >= $1 ? 1 : 0 }
    }
    /// 1 where an element equals `rhs`.
    public static func .== (lhs: Tensor, rhs: Float) -> Tensor { lhs .== Tensor(rhs) }
    /// 1 where an element is less than `rhs`.
    public static func .< (lhs: Tensor, rhs: Float) -> Tensor { lhs .< Tensor(rhs) }
    /// 1 where an element is greater than `rhs`.
    public static func .> (lhs: Tensor, rhs: Float) -> Tensor { lhs .> Tensor(rhs) }
}

/// Broadcasting arithmetic: `+ - * /` between tensors, and with scalars.
extension Tensor {
    /// Elementwise sum, with broadcasting.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        let result = broadcasting(lhs, rhs, op: "add") { $0 + $1 }
        return recording(result, [lhs, rhs]) { grad in
            [grad.unbroadcast(to: lhs.shape), grad.unbroadcast(to: rhs.shape)]
        }
    }

    /// Elementwise difference, with broadcasting.
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        let result = broadcasting(lhs, rhs, op: "subtract") { $0 - $1 }
        return recording(result, [lhs, rhs]) { grad in
            [grad.unbroadcast(to: lhs.shape), (-grad).unbroadcast(to: rhs.shape)]
        }
    }

    /// Elementwise product, with broadcasting.
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        let result = broadcasting(lhs, rhs, op: "multiply") { $0 * $1 }
        return recording(result, [lhs, rhs]) { grad in
            [(grad * rhs).unbroadcast(to: lhs.shape), (grad * lhs).unbroadcast(to: rhs.shape)]
        }
    }

    /// Elementwise quotient, with broadcasting.
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor {
        let result = broadcasting(lhs, rhs, op: "divide") { $0 / $1 }
        return recording(result, [lhs, rhs]) { grad in
            [(grad / rhs).unbroadcast(to: lhs.shape),
             (-grad * lhs / (rhs * rhs)).unbroadcast(to: rhs.shape)]
        }
    }

    /// Elementwise negation.
    public static prefix func - (operand: Tensor) -> Tensor {
        recording(operand.mapElements { -$0 }, operand) { -$0 }
    }

    /// Adds `rhs` to every element.
    public static func + (lhs: Tensor, rhs: Float) -> Tensor {
        recording(lhs.mapElements { $0 + rhs }, lhs) { $0 }
    }

    /// Subtracts `rhs` from every element.
    public static func - (lhs: Tensor, rhs: Float) -> Tensor { lhs + (-rhs) }

    /// Multiplies every element by `rhs`.
    public static func * (lhs: Tensor, rhs: Float) -> Tensor {
        recording(lhs.mapElements { $0 * rhs }, lhs) { $0 * rhs }
    }

    /// Divides every element by `rhs`.
    public static func / (lhs: Tensor, rhs: Float) -> Tensor { lhs * (1 / rhs) }

    /// Adds `lhs` to every element.
    public static func + (lhs: Float, rhs: Tensor) -> Tensor { rhs + lhs }

    /// `lhs` minus each element.
    public static func - (lhs: Float, rhs: Tensor) -> Tensor {
        recording(rhs.mapElements { lhs - $0 }, rhs) { -$0 }
    }

    /// Multiplies every element by `lhs`.
    public static func * (lhs: Float, rhs: Tensor) -> Tensor { rhs * lhs }

    /// `lhs` divided by each element.
    public static func / (lhs: Float, rhs: Tensor) -> Tensor {
        let result = rhs.mapElements { lhs / $0 }
        return recording(result, rhs) { grad in -grad * result / rhs }
    }

    /// In-place sum with broadcasting of `rhs`.
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs = lhs + rhs }
    /// In-place difference with broadcasting of `rhs`.
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs - rhs }
    /// In-place product with broadcasting of `rhs`.
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs * rhs }
    /// In-place quotient with broadcasting of `rhs`.
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs / rhs }
    /// Multiplies every element by `rhs` in place.
    public static func *= (lhs: inout Tensor, rhs: Float) { lhs = lhs * rhs }
}

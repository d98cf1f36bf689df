import Foundation

/// Arithmetic on numbers held as their logarithms, so that the privacy
/// accountant can sum terms far below the smallest `Double`.
enum LogSpace {
    /// log(eˣ + eʸ).
    static func add(_ x: Double, _ y: Double) -> Double {
        let (low, high) = x < y ? (x, y) : (y, x)
        if low == -.infinity { return high }
        return high + log1p(exp(low - high))
    }

    /// log(eˣ − eʸ) for x ≥ y (−∞ when they are equal).
    static func subtract(_ x: Double, _ y: Double) -> Double {
        precondition(x >= y, "LogSpace.subtract: log(e^\(x) − e^\(y)) is the log of a negative number")
        if y == -.infinity { return x }
        if x == y { return -.infinity }
        // log(eˣ − eʸ) = x + log(1 − e^(y−x)).
        return x + log(-expm1(y - x))
    }

    /// log(erfc(x)), accurate where erfc(x) underflows (large x).
    static func logErfc(_ x: Double) -> Double {
        if x < 20 { return log(erfc(x)) }
        // Asymptotic series: erfc(x) = e^(−x²)/(x√π) · (1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶) + 105/(16x⁸) − …);
        // at x ≥ 20 the terms left out are below 1e-12 of the sum.
        let inverseSquare = 1 / (x * x)
        var term = 1.0, series = 1.0
        for k in 1 ... 6 {
            term *= -Double(2 * k - 1) / 2 * inverseSquare
            series += term
        }
        return -x * x - log(x) - 0.5 * log(Double.pi) + log(series)
    }
}

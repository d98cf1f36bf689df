import Foundation

/// Linear convolutions of real sequences through the FFT, in `Double`: a
/// product of transforms instead of a double loop, so convolving sequences
/// of n values costs O(n log n).
enum FFTConvolution {
    /// a ∗ b: `a.count + b.count − 1` values, (a ∗ b)[k] = Σᵢ a[i]·b[k − i].
    /// - Precondition: neither sequence is empty.
    static func convolve(_ a: [Double], _ b: [Double]) -> [Double] {
        precondition(!a.isEmpty && !b.isEmpty, "FFTConvolution.convolve: empty input (\(a.count) and \(b.count) values)")
        let count = a.count + b.count - 1
        let plan = ComplexFFTPlan(length: transformLength(count))
        // Both real sequences go through one complex transform: z = a + i·b.
        var real = padded(a, plan.length), imaginary = padded(b, plan.length)
        plan.transform(real: &real, imaginary: &imaginary)
        let n = plan.length
        var productReal = [Double](repeating: 0, count: n), productImaginary = [Double](repeating: 0, count: n)
        for k in 0 ..< n {
            // A = (Z[k] + conj Z[n−k]) / 2 and B = (Z[k] − conj Z[n−k]) / 2i, the transforms of a and b.
            let mirror = (n - k) & (n - 1)
            let ar = (real[k] + real[mirror]) / 2, ai = (imaginary[k] - imaginary[mirror]) / 2
            let br = (imaginary[k] + imaginary[mirror]) / 2, bi = (real[mirror] - real[k]) / 2
            productReal[k] = ar * br - ai * bi
            productImaginary[k] = ar * bi + ai * br
        }
        return inverse(plan, &productReal, &productImaginary, window: 0 ..< count)
    }

    /// The `times`-fold convolution a ∗ a ∗ … ∗ a, at the indices `window`
    /// of the full result (which has `times·(a.count − 1) + 1` values).
    ///
    /// The transform is raised to the power by repeated squaring, bin by bin.
    /// Its length is the window's (at least `a.count`), so values outside the
    /// window fold into it cyclically: the caller chooses a window that
    /// holds all but a negligible part of the result.
    static func power(_ a: [Double], _ times: Int, window: Range<Int>) -> [Double] {
        precondition(!a.isEmpty && times >= 1 && !window.isEmpty,
                     "FFTConvolution.power: \(a.count) values, \(times) times, window \(window)")
        let plan = ComplexFFTPlan(length: transformLength(max(window.count, a.count)))
        var real = padded(a, plan.length), imaginary = [Double](repeating: 0, count: plan.length)
        plan.transform(real: &real, imaginary: &imaginary)
        real.withUnsafeMutableBufferPointer { re in
            imaginary.withUnsafeMutableBufferPointer { im in
                for k in 0 ..< plan.length {
                    (re[k], im[k]) = raise(re[k], im[k], to: times)
                }
            }
        }
        return inverse(plan, &real, &imaginary, window: window)
    }

    /// (x + iy)ⁿ by repeated squaring.
    private static func raise(_ x: Double, _ y: Double, to power: Int) -> (Double, Double) {
        var resultReal = 1.0, resultImaginary = 0.0
        var baseReal = x, baseImaginary = y
        var remaining = power
        while remaining > 0 {
            if remaining & 1 == 1 {
                (resultReal, resultImaginary) = (resultReal * baseReal - resultImaginary * baseImaginary,
                                                 resultReal * baseImaginary + resultImaginary * baseReal)
            }
            remaining >>= 1
            if remaining > 0 {
                (baseReal, baseImaginary) = (baseReal * baseReal - baseImaginary * baseImaginary,
                                             2 * baseReal * baseImaginary)
            }
        }
        return (resultReal, resultImaginary)
    }

    /// The real part of the inverse transform at the indices `window`, taken modulo the transform length.
    private static func inverse(_ plan: ComplexFFTPlan, _ real: inout [Double], _ imaginary: inout [Double],
                                window: Range<Int>) -> [Double] {
        // The inverse is the conjugate of the forward transform of the conjugate, over n.
        for k in imaginary.indices { imaginary[k] = -imaginary[k] }
        plan.transform(real: &real, imaginary: &imaginary)
        let n = plan.length, scale = 1 / Double(n)
        return window.map { index in real[((index % n) + n) % n] * scale }
    }

    /// The smallest power of two that holds `count` values.
    private static func transformLength(_ count: Int) -> Int {
        var length = 1
        while length < count { length <<= 1 }
        return length
    }

    private static func padded(_ values: [Double], _ length: Int) -> [Double] {
        values + [Double](repeating: 0, count: length - values.count)
    }
}

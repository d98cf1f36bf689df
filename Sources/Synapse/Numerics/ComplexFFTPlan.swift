import Foundation

/// A complex discrete Fourier transform of one length, X[k] = Σₙ x[n]·e^(−2πikn/N), in `Double`.
///
/// Powers of two use an iterative radix-2 transform with precomputed twiddle
/// factors and bit-reversal table; every other length uses Bluestein's
/// algorithm, which turns the transform into a circular convolution of
/// power-of-two length (the chirp's transform is precomputed too). The plan is
/// immutable, so one plan serves many threads.
final class ComplexFFTPlan: Sendable {
    /// The transform length.
    let length: Int
    private let kind: Kind

    private enum Kind: Sendable {
        case radix2(Radix2)
        case bluestein(Bluestein)
    }

    /// A radix-2 transform of a power-of-two length.
    private struct Radix2: Sendable {
        let cosines: [Double]
        let sines: [Double]
        let bitReversed: [Int]
    }

    /// Bluestein's chirp-z transform of any length `n` through a radix-2 transform of length `m ≥ 2n − 1`.
    private struct Bluestein: Sendable {
        let inner: ComplexFFTPlan
        /// e^(−iπk²/n), k < n.
        let chirpReal: [Double]
        let chirpImaginary: [Double]
        /// The transform of the conjugate chirp, wrapped around to length m.
        let kernelReal: [Double]
        let kernelImaginary: [Double]
    }

    /// A plan for transforms of `length` points.
    /// - Precondition: `length` is positive.
    init(length: Int) {
        precondition(length > 0, "FFT: the length \(length) must be positive")
        self.length = length
        if length & (length - 1) == 0 {
            kind = .radix2(Self.radix2Tables(length))
        } else {
            var m = 1
            while m < 2 * length - 1 { m <<= 1 }
            let inner = ComplexFFTPlan(length: m)
            var chirpReal = [Double](repeating: 0, count: length)
            var chirpImaginary = [Double](repeating: 0, count: length)
            var kernelReal = [Double](repeating: 0, count: m)
            var kernelImaginary = [Double](repeating: 0, count: m)
            for k in 0 ..< length {
                // k² mod 2n keeps the angle exact for large k.
                let angle = Double.pi * Double((k * k) % (2 * length)) / Double(length)
                chirpReal[k] = cos(angle)
                chirpImaginary[k] = -sin(angle)
                kernelReal[k] = cos(angle)
                kernelImaginary[k] = sin(angle)
                if k > 0 {
                    kernelReal[m - k] = cos(angle)
                    kernelImaginary[m - k] = sin(angle)
                }
            }
            inner.transform(real: &kernelReal, imaginary: &kernelImaginary)
            kind = .bluestein(Bluestein(inner: inner, chirpReal: chirpReal, chirpImaginary: chirpImaginary,
                                        kernelReal: kernelReal, kernelImaginary: kernelImaginary))
        }
    }

    private static func radix2Tables(_ n: Int) -> Radix2 {
        let half = Swift.max(n / 2, 1)
        let cosines = (0 ..< half).map { cos(-2 * Double.pi * Double($0) / Double(n)) }
        let sines = (0 ..< half).map { sin(-2 * Double.pi * Double($0) / Double(n)) }
        var bits = 0
        while 1 << bits < n { bits += 1 }
        let bitReversed = (0 ..< n).map { index -> Int in
            var reversed = 0
            for bit in 0 ..< bits where index & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
            return reversed
        }
        return Radix2(cosines: cosines, sines: sines, bitReversed: bitReversed)
    }

    /// Transforms `real` + i·`imaginary` (each `length` values) in place.
    func transform(real: inout [Double], imaginary: inout [Double]) {
        precondition(real.count == length && imaginary.count == length,
                     "FFT: the input has \(real.count) real and \(imaginary.count) imaginary values; the plan is for \(length)")
        real.withUnsafeMutableBufferPointer { re in
            imaginary.withUnsafeMutableBufferPointer { im in
                transform(re.baseAddress!, im.baseAddress!)
            }
        }
    }

    /// Transforms the `length` complex values at `re`, `im` in place.
    func transform(_ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>) {
        switch kind {
        case .radix2(let tables): Self.radix2(re, im, length, tables)
        case .bluestein(let plan): bluestein(re, im, plan)
        }
    }

    private static func radix2(_ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>, _ n: Int, _ tables: Radix2) {
        tables.bitReversed.withUnsafeBufferPointer { reversed in
            for i in 0 ..< n {
                let j = reversed[i]
                if j > i {
                    swap(&re[i], &re[j])
                    swap(&im[i], &im[j])
                }
            }
        }
        tables.cosines.withUnsafeBufferPointer { cosines in
            tables.sines.withUnsafeBufferPointer { sines in
                var size = 2
                while size <= n {
                    let half = size / 2
                    let step = n / size
                    var start = 0
                    while start < n {
                        for j in 0 ..< half {
                            let wr = cosines[j * step], wi = sines[j * step]
                            let a = start + j, b = a + half
                            let tr = re[b] * wr - im[b] * wi
                            let ti = re[b] * wi + im[b] * wr
                            re[b] = re[a] - tr
                            im[b] = im[a] - ti
                            re[a] += tr
                            im[a] += ti
                        }
                        start += size
                    }
                    size <<= 1
                }
            }
        }
    }

    private func bluestein(_ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>, _ plan: Bluestein) {
        let n = length
        let m = plan.inner.length
        var workReal = [Double](repeating: 0, count: m)
        var workImaginary = [Double](repeating: 0, count: m)
        workReal.withUnsafeMutableBufferPointer { wr in
            workImaginary.withUnsafeMutableBufferPointer { wi in
                let ar = wr.baseAddress!, ai = wi.baseAddress!
                plan.chirpReal.withUnsafeBufferPointer { cr in
                    plan.chirpImaginary.withUnsafeBufferPointer { ci in
                        for k in 0 ..< n {
                            ar[k] = re[k] * cr[k] - im[k] * ci[k]
                            ai[k] = re[k] * ci[k] + im[k] * cr[k]
                        }
                        plan.inner.transform(ar, ai)
                        // Multiply by the kernel's transform and conjugate, so that a second
                        // forward transform computes the inverse (up to conjugation and 1/m).
                        plan.kernelReal.withUnsafeBufferPointer { kr in
                            plan.kernelImaginary.withUnsafeBufferPointer { ki in
                                for k in 0 ..< m {
                                    let r = ar[k] * kr[k] - ai[k] * ki[k]
                                    let i = ar[k] * ki[k] + ai[k] * kr[k]
                                    ar[k] = r
                                    ai[k] = -i
                                }
                            }
                        }
                        plan.inner.transform(ar, ai)
                        let scale = 1 / Double(m)
                        for k in 0 ..< n {
                            let r = ar[k] * scale, i = -ai[k] * scale
                            re[k] = r * cr[k] - i * ci[k]
                            im[k] = r * ci[k] + i * cr[k]
                        }
                    }
                }
            }
        }
    }
}

/// The discrete Fourier transform of real signals of one length: any length,
/// like `numpy.fft.rfft`.
///
/// Returns the `length / 2 + 1` non-negative-frequency bins
/// X[k] = Σₙ x[n]·e^(−2πikn/N). Computed in `Double` (radix-2 for powers of
/// two, Bluestein's algorithm otherwise) with the tables made once per plan;
/// a plan is immutable and may be shared between threads.
///
/// ```swift
/// let fft = RealFFT(length: 400)
/// let spectrum = fft.transform(signal)     // 201 bins
/// ```
public final class RealFFT: Sendable {
    /// The number of input samples.
    public let length: Int
    private let plan: ComplexFFTPlan

    /// A plan for signals of `length` samples.
    /// - Precondition: `length` is positive.
    public init(length: Int) {
        self.length = length
        plan = ComplexFFTPlan(length: length)
    }

    /// The number of output bins, `length / 2 + 1`.
    public var binCount: Int { length / 2 + 1 }

    /// The non-negative-frequency bins of `signal`.
    /// - Parameter signal: Exactly `length` samples.
    /// - Returns: `binCount` real and imaginary parts.
    public func transform(_ signal: [Float]) -> (real: [Double], imaginary: [Double]) {
        precondition(signal.count == length, "RealFFT: the signal has \(signal.count) samples; the plan is for \(length)")
        var real = signal.map(Double.init)
        var imaginary = [Double](repeating: 0, count: length)
        plan.transform(real: &real, imaginary: &imaginary)
        return (Array(real[0 ..< binCount]), Array(imaginary[0 ..< binCount]))
    }

    /// Transforms `length` real values at `signal` and writes the `binCount` bins'
    /// real and imaginary parts to `real` and `imaginary`, which have room for `length` values
    /// each (the tail is scratch).
    func transform(_ signal: UnsafePointer<Double>, real: UnsafeMutablePointer<Double>, imaginary: UnsafeMutablePointer<Double>) {
        real.update(from: signal, count: length)
        imaginary.update(repeating: 0, count: length)
        plan.transform(real, imaginary)
    }
}

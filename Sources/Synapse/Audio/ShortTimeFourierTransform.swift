import Foundation

/// The short-time Fourier transform: spectra of overlapping windowed frames, as `librosa.stft`.
///
/// The defaults are librosa's: `n_fft = 2048`, `hop_length = n_fft / 4`,
/// `win_length = n_fft`, a periodic Hann window, `center = True` with
/// `pad_mode = "constant"` (zeros; librosa 0.10 and later). A window shorter
/// than `fftLength` is zero-padded on both sides to it, as in librosa.
/// Results are `[fftLength / 2 + 1, frames]`, frequency by time, librosa's layout.
///
/// ```swift
/// let stft = ShortTimeFourierTransform(fftLength: 512, hopLength: 128)
/// let power = stft.spectrogram(clip.samples, power: 2)     // [257, frames]
/// ```
public struct ShortTimeFourierTransform: Sendable {
    /// How a centred transform pads the signal's ends.
    public enum Padding: String, Codable, Sendable {
        /// Zeros (librosa's default since 0.10).
        case constant
        /// The signal mirrored about its end samples (`numpy.pad(mode="reflect")`, librosa's default before 0.10).
        case reflect
    }

    /// The FFT length (`n_fft`).
    public let fftLength: Int
    /// Samples between the starts of consecutive frames (`hop_length`).
    public let hopLength: Int
    /// The window's length before it is padded to `fftLength` (`win_length`).
    public let windowLength: Int
    /// The window function.
    public let window: SpectralWindow
    /// Whether frames are centred on `t × hopLength` (the signal padded by `fftLength / 2` on both sides).
    public let center: Bool
    /// How the signal is padded when centred.
    public let padding: Padding
    private let fft: RealFFT
    private let windowValues: [Double]

    /// A transform with librosa's defaults for anything not given.
    /// - Parameters:
    ///   - fftLength: `n_fft`, default 2048.
    ///   - hopLength: default `fftLength / 4`.
    ///   - windowLength: default `fftLength`; at most `fftLength`.
    ///   - window: default Hann.
    ///   - center: default true.
    ///   - padding: default zeros.
    public init(fftLength: Int = 2048, hopLength: Int? = nil, windowLength: Int? = nil, window: SpectralWindow = .hann,
                center: Bool = true, padding: Padding = .constant) {
        let windowLength = windowLength ?? fftLength
        let hopLength = hopLength ?? fftLength / 4
        precondition(fftLength > 0 && hopLength > 0 && windowLength > 0 && windowLength <= fftLength,
                     "ShortTimeFourierTransform: need fftLength \(fftLength) > 0, hopLength \(hopLength) > 0 and 0 < windowLength \(windowLength) ≤ fftLength")
        self.fftLength = fftLength
        self.hopLength = hopLength
        self.windowLength = windowLength
        self.window = window
        self.center = center
        self.padding = padding
        fft = RealFFT(length: fftLength)
        var padded = [Double](repeating: 0, count: fftLength)
        let offset = (fftLength - windowLength) / 2
        for (i, value) in window.values(length: windowLength).enumerated() { padded[offset + i] = value }
        windowValues = padded
    }

    /// Frequency bins per frame, `fftLength / 2 + 1`.
    public var binCount: Int { fftLength / 2 + 1 }

    /// The number of frames for a signal of `sampleCount` samples (0 when it is shorter than one frame).
    public func frameCount(sampleCount: Int) -> Int {
        let padded = sampleCount + (center ? 2 * (fftLength / 2) : 0)
        return padded < fftLength ? 0 : 1 + (padded - fftLength) / hopLength
    }

    /// |STFT|^`power`: the magnitude spectrogram for 1, the power spectrogram for 2 (`[binCount, frames]`).
    /// - Precondition: the signal holds at least one frame.
    public func spectrogram(_ signal: [Float], power: Double = 1) -> Tensor {
        let (frames, bins) = (frameCount(sampleCount: signal.count), binCount)
        var output = [Float](repeating: 0, count: bins * frames)
        output.withUnsafeMutableBufferPointer { result in
            forEachFrame(signal) { t, re, im in
                for k in 0 ..< bins {
                    let squared = re[k] * re[k] + im[k] * im[k]
                    let value = power == 2 ? squared : power == 1 ? squared.squareRoot() : pow(squared, power / 2)
                    result[k * frames + t] = Float(value)
                }
            }
        }
        return Tensor(shape: [bins, frames], scalars: output)
    }

    /// The complex STFT as its real and imaginary parts, each `[binCount, frames]`.
    /// - Precondition: the signal holds at least one frame.
    public func transform(_ signal: [Float]) -> (real: Tensor, imaginary: Tensor) {
        let (frames, bins) = (frameCount(sampleCount: signal.count), binCount)
        var real = [Float](repeating: 0, count: bins * frames)
        var imaginary = real
        forEachFrame(signal) { t, re, im in
            for k in 0 ..< bins {
                real[k * frames + t] = Float(re[k])
                imaginary[k * frames + t] = Float(im[k])
            }
        }
        return (Tensor(shape: [bins, frames], scalars: real), Tensor(shape: [bins, frames], scalars: imaginary))
    }

    /// Runs `body(frame, real, imaginary)` with each frame's spectrum (the first `binCount` values are the bins).
    private func forEachFrame(_ signal: [Float], _ body: (Int, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void) {
        let frames = frameCount(sampleCount: signal.count)
        precondition(frames > 0, "ShortTimeFourierTransform: a signal of \(signal.count) samples is shorter than one frame of \(fftLength)")
        let n = fftLength
        let offset = center ? n / 2 : 0
        let count = signal.count
        let frame = UnsafeMutablePointer<Double>.allocate(capacity: 3 * n)
        defer { frame.deallocate() }
        let (re, im) = (frame + n, frame + 2 * n)
        signal.withUnsafeBufferPointer { x in
            windowValues.withUnsafeBufferPointer { w in
                for t in 0 ..< frames {
                    let start = t * hopLength - offset
                    for i in 0 ..< n {
                        guard w[i] != 0 else { frame[i] = 0; continue }
                        var index = start + i
                        if index < 0 || index >= count {
                            guard padding == .reflect, count > 1 else { frame[i] = 0; continue }
                            index = reflected(index, count: count)
                        }
                        frame[i] = Double(x[index]) * w[i]
                    }
                    fft.transform(frame, real: re, imaginary: im)
                    body(t, re, im)
                }
            }
        }
    }

    /// The index `numpy.pad(mode="reflect")` reads for a position outside `0..<count`.
    private func reflected(_ index: Int, count: Int) -> Int {
        let period = 2 * (count - 1)
        var i = index % period
        if i < 0 { i += period }
        return i < count ? i : period - i
    }
}

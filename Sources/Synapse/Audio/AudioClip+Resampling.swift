import Foundation

extension AudioClip {
    /// Zero crossings of the sinc kept on each side of an output sample (at the lower of the two rates).
    static let resamplingZeroCrossings = 24
    /// The Kaiser window's shape parameter: about 80 dB of stop-band attenuation.
    static let resamplingKaiserBeta = 8.0

    /// The clip at another sample rate, by band-limited (Kaiser-windowed sinc) interpolation.
    ///
    /// Each output sample is a windowed-sinc sum over the input with its cut-off at the lower of
    /// the two Nyquist frequencies, so going down in rate removes what the new rate cannot hold
    /// instead of folding it back (aliasing). The output has `ceil(frameCount × rate / sampleRate)`
    /// frames; the signal is taken as zero outside the clip.
    /// - Parameter rate: The new sample rate (frames per second).
    /// - Precondition: `rate` is positive.
    public func resampled(to rate: Int) -> AudioClip {
        precondition(rate > 0, "AudioClip.resampled: the target rate \(rate) must be positive")
        guard rate != sampleRate else { return self }
        let ratio = Double(rate) / Double(sampleRate)
        let outputFrames = Int((Double(frameCount) * ratio).rounded(.up))
        let cutoff = Swift.min(1, ratio)
        let halfWidth = Double(Self.resamplingZeroCrossings) / cutoff
        let channels = channelCount
        let inputFrames = frameCount
        let table = ResamplingKernel.shared
        var output = [Float](repeating: 0, count: outputFrames * channels)
        var weights = [Double](repeating: 0, count: Int(2 * halfWidth) + 2)
        samples.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { result in
                for n in 0 ..< outputFrames {
                    let t = Double(n) / ratio
                    let first = Swift.max(0, Int((t - halfWidth).rounded(.up)))
                    let last = Swift.min(inputFrames - 1, Int((t + halfWidth).rounded(.down)))
                    guard first <= last else { continue }
                    for k in first ... last {
                        weights[k - first] = cutoff * table.value(at: cutoff * abs(t - Double(k)))
                    }
                    for c in 0 ..< channels {
                        var sum = 0.0
                        for k in first ... last { sum += weights[k - first] * Double(input[k * channels + c]) }
                        result[n * channels + c] = Float(sum)
                    }
                }
            }
        }
        return AudioClip(samples: output, sampleRate: rate, channelCount: channels)
    }
}

/// The Kaiser-windowed sinc, tabulated once at `stepsPerZeroCrossing` points per
/// zero crossing and read by linear interpolation (error below 1e-5).
private struct ResamplingKernel: Sendable {
    static let shared = ResamplingKernel()
    static let stepsPerZeroCrossing = 1024
    let values: [Double]

    init() {
        let zeros = AudioClip.resamplingZeroCrossings
        let count = zeros * Self.stepsPerZeroCrossing + 2
        let normalizer = 1 / besselI0(AudioClip.resamplingKaiserBeta)
        values = (0 ..< count).map { i in
            let x = Double(i) / Double(Self.stepsPerZeroCrossing)
            let u = Swift.min(1, x / Double(zeros))
            return normalizedSinc(x) * besselI0(AudioClip.resamplingKaiserBeta * (1 - u * u).squareRoot()) * normalizer
        }
    }

    /// The kernel at `x` zero crossings from its centre (0 ≤ x ≤ the zero crossings kept).
    @inline(__always)
    func value(at x: Double) -> Double {
        let position = x * Double(Self.stepsPerZeroCrossing)
        let index = Swift.min(Int(position), values.count - 2)
        let fraction = position - Double(index)
        return values[index] + (values[index + 1] - values[index]) * fraction
    }
}

/// sin(πx)/(πx), 1 at 0.
@inline(__always)
private func normalizedSinc(_ x: Double) -> Double {
    x == 0 ? 1 : sin(Double.pi * x) / (Double.pi * x)
}

/// The modified Bessel function of the first kind, order 0, by its power series.
private func besselI0(_ x: Double) -> Double {
    var sum = 1.0
    var term = 1.0
    let quarterSquare = x * x / 4
    var k = 1.0
    while term > sum * 1e-17 {
        term *= quarterSquare / (k * k)
        sum += term
        k += 1
    }
    return sum
}

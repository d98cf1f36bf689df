/// Triangular filters that pool an STFT's frequency bins into mel bands, as `librosa.filters.mel`.
///
/// Defaults are librosa's: 128 bands from 0 Hz to half the sample rate, the
/// Slaney mel scale and Slaney normalisation (each triangle divided by its
/// width in hertz over 2, so bands have equal area). Weights are computed in
/// `Double` and stored as `Float`, as librosa stores them (`dtype=float32`).
public struct MelFilterbank: Sendable {
    /// How each filter is scaled.
    public enum Normalization: String, Codable, Sendable {
        /// Peak 1 (librosa's `norm=None`).
        case none
        /// Area 1 in hertz (librosa's `norm="slaney"`, its default).
        case slaney
    }

    /// The filters, `[melCount, fftLength / 2 + 1]`.
    public let weights: Tensor

    /// The filterbank for an STFT of `fftLength` at `sampleRate`.
    /// - Parameters:
    ///   - sampleRate: The signal's sample rate (hertz).
    ///   - fftLength: The STFT's `n_fft`.
    ///   - melCount: Bands (`n_mels`), default 128.
    ///   - minimumFrequency: The lowest band edge (`fmin`), default 0 Hz.
    ///   - maximumFrequency: The highest band edge (`fmax`), default `sampleRate / 2`.
    ///   - scale: Slaney (default) or HTK.
    ///   - normalization: Slaney (default) or none.
    public init(sampleRate: Int, fftLength: Int, melCount: Int = 128, minimumFrequency: Double = 0,
                maximumFrequency: Double? = nil, scale: MelScale = .slaney, normalization: Normalization = .slaney) {
        precondition(sampleRate > 0 && fftLength > 0 && melCount > 0, "MelFilterbank: sampleRate, fftLength and melCount must be positive")
        let bins = fftLength / 2 + 1
        let maximum = maximumFrequency ?? Double(sampleRate) / 2
        let binFrequencies = (0 ..< bins).map { Double($0) * Double(sampleRate) / Double(fftLength) }
        let lowMel = scale.mel(fromHertz: minimumFrequency), highMel = scale.mel(fromHertz: maximum)
        let edges = (0 ..< melCount + 2).map { i in
            scale.hertz(fromMel: lowMel + (highMel - lowMel) * Double(i) / Double(melCount + 1))
        }
        var weights = [Float](repeating: 0, count: melCount * bins)
        for band in 0 ..< melCount {
            let (left, middle, right) = (edges[band], edges[band + 1], edges[band + 2])
            let area = normalization == .slaney ? 2 / (right - left) : 1
            for (k, frequency) in binFrequencies.enumerated() {
                let rising = (frequency - left) / (middle - left)
                let falling = (right - frequency) / (right - middle)
                weights[band * bins + k] = Float(Swift.max(0, Swift.min(rising, falling)) * area)
            }
        }
        self.weights = Tensor(shape: [melCount, bins], scalars: weights)
    }

    /// Mel bands from a spectrogram `[fftLength / 2 + 1, frames]`: `weights · spectrogram`, `[melCount, frames]`.
    public func apply(to spectrogram: Tensor) -> Tensor {
        weights.matmul(spectrogram)
    }
}

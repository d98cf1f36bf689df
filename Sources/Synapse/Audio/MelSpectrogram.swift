/// A mel spectrogram: an STFT's |X|^power pooled into mel bands, as `librosa.feature.melspectrogram`.
///
/// librosa's defaults: `n_fft = 2048`, `hop_length = 512`, a Hann window,
/// centred frames with zero padding, `power = 2` and 128 Slaney bands with
/// Slaney normalisation. The STFT plan and the filterbank are made once, so
/// one value serves a whole dataset.
///
/// ```swift
/// let mel = MelSpectrogram(sampleRate: 8000, fftLength: 256, hopLength: 80, melCount: 40)
/// let bands = mel(clip.samples)                       // [40, frames]
/// let logMel = powerToDecibels(bands)                 // dB, as librosa.power_to_db
/// ```
public struct MelSpectrogram: Sendable {
    /// The transform the frames come from.
    public let stft: ShortTimeFourierTransform
    /// The mel filters.
    public let filterbank: MelFilterbank
    /// The exponent of the magnitude (2 power, 1 magnitude).
    public let power: Double

    /// A mel spectrogram with librosa's defaults for anything not given.
    /// - Parameters:
    ///   - sampleRate: The signal's sample rate (hertz).
    ///   - fftLength: `n_fft`, default 2048.
    ///   - hopLength: default `fftLength / 4`.
    ///   - window: default Hann.
    ///   - melCount: `n_mels`, default 128.
    ///   - minimumFrequency: `fmin`, default 0.
    ///   - maximumFrequency: `fmax`, default `sampleRate / 2`.
    ///   - scale: Slaney (default) or HTK.
    ///   - normalization: Slaney (default) or none.
    ///   - power: 2 (default) for power, 1 for magnitude.
    public init(sampleRate: Int, fftLength: Int = 2048, hopLength: Int? = nil, window: SpectralWindow = .hann,
                melCount: Int = 128, minimumFrequency: Double = 0, maximumFrequency: Double? = nil,
                scale: MelScale = .slaney, normalization: MelFilterbank.Normalization = .slaney, power: Double = 2) {
        stft = ShortTimeFourierTransform(fftLength: fftLength, hopLength: hopLength, window: window)
        filterbank = MelFilterbank(sampleRate: sampleRate, fftLength: fftLength, melCount: melCount,
                                   minimumFrequency: minimumFrequency, maximumFrequency: maximumFrequency,
                                   scale: scale, normalization: normalization)
        self.power = power
    }

    /// The mel spectrogram of `signal`, `[melCount, frames]`.
    public func callAsFunction(_ signal: [Float]) -> Tensor {
        filterbank.apply(to: stft.spectrogram(signal, power: power))
    }
}

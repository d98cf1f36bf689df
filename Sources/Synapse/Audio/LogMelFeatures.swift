import Foundation

/// How a recording becomes the audio model's input: a fixed-length log-mel
/// spectrogram, time by mel band, scaled to [0, 1].
///
/// Each clip is mixed down to mono, resampled to `sampleRate` if it has
/// another rate, cropped to its first `sampleCount` samples or padded with
/// zeros after its end, turned into a mel spectrogram (`MelSpectrogram`: Hann
/// window, centred frames, power, Slaney mel scale and normalisation), put in
/// decibels relative to the clip's loudest bin (librosa's
/// `power_to_db(S, ref=np.max)`, 80 dB range), and mapped to [0, 1] by
/// (dB + 80) / 80. Saved with a model (`ModelMetadata.audioFeatures`), so
/// prediction prepares recordings exactly as training did.
public struct LogMelFeatures: Codable, Equatable, Sendable {
    /// The rate clips are resampled to (hertz).
    public var sampleRate: Int
    /// The samples kept per clip.
    public var sampleCount: Int
    /// The STFT's `n_fft`.
    public var fftLength: Int
    /// The STFT's hop length.
    public var hopLength: Int
    /// The number of mel bands.
    public var melCount: Int

    /// The range kept below each clip's loudest bin, in decibels.
    static let decibelRange = 80.0

    /// Feature settings; the defaults suit 8 kHz speech such as FSDD: one second,
    /// 32 ms windows every 16 ms, 40 mel bands.
    /// - Parameters:
    ///   - sampleRate: The rate clips are resampled to, default 8000 Hz.
    ///   - sampleCount: Samples kept per clip, default 8000 (one second at 8 kHz).
    ///   - fftLength: `n_fft`, default 256.
    ///   - hopLength: Hop length, default 128.
    ///   - melCount: Mel bands, default 40.
    public init(sampleRate: Int = 8000, sampleCount: Int = 8000, fftLength: Int = 256, hopLength: Int = 128, melCount: Int = 40) {
        precondition(sampleRate > 0 && sampleCount > 0 && fftLength > 0 && hopLength > 0 && melCount > 0,
                     "LogMelFeatures: every setting must be positive")
        self.sampleRate = sampleRate
        self.sampleCount = sampleCount
        self.fftLength = fftLength
        self.hopLength = hopLength
        self.melCount = melCount
    }

    /// Frames per clip.
    public var frameCount: Int { 1 + (sampleCount + 2 * (fftLength / 2) - fftLength) / hopLength }

    /// The model input of one clip, `[frameCount, melCount, 1]` (time × mel × channel, for `Conv2D`).
    public var inputShape: [Int] { [frameCount, melCount, 1] }

    /// The mel spectrogram these settings use.
    public func melSpectrogram() -> MelSpectrogram {
        MelSpectrogram(sampleRate: sampleRate, fftLength: fftLength, hopLength: hopLength, melCount: melCount)
    }

    /// `clip` as mono samples at `sampleRate`, cropped or zero-padded to `sampleCount`.
    public func fitted(_ clip: AudioClip) -> [Float] {
        var mono = clip.mixedDown()
        if mono.sampleRate != sampleRate { mono = mono.resampled(to: sampleRate) }
        var samples = Array(mono.samples.prefix(sampleCount))
        if samples.count < sampleCount { samples += [Float](repeating: 0, count: sampleCount - samples.count) }
        return samples
    }

    /// The features of `clip`, `frameCount × melCount` values, time-major, in [0, 1].
    /// - Parameter melSpectrogram: `melSpectrogram()`, made once for many clips.
    public func features(of clip: AudioClip, using melSpectrogram: MelSpectrogram) -> [Float] {
        let mel = melSpectrogram(fitted(clip))                       // [melCount, frameCount]
        let peak = Double(mel.scalars.max() ?? 0)
        let decibels = powerToDecibels(mel, reference: peak, topDB: Self.decibelRange).scalars
        let frames = frameCount, bands = melCount
        var output = [Float](repeating: 0, count: frames * bands)
        for band in 0 ..< bands {
            for t in 0 ..< frames {
                output[t * bands + band] = Float((Double(decibels[band * frames + t]) + Self.decibelRange) / Self.decibelRange)
            }
        }
        return output
    }

    /// The features of every clip as one tensor `[clips.count, frameCount, melCount, 1]`,
    /// computed on all cores.
    public func features(of clips: [AudioClip]) -> Tensor {
        let mel = melSpectrogram()
        let size = frameCount * melCount
        let output = Tensor(uninitializedShape: [clips.count, frameCount, melCount, 1])
        let pointer = output.storage.pointer
        let destination = UncheckedSendablePointer(pointer)
        DispatchQueue.concurrentPerform(iterations: clips.count) { index in
            let values = features(of: clips[index], using: mel)
            values.withUnsafeBufferPointer { destination.pointer.advanced(by: index * size).update(from: $0.baseAddress!, count: size) }
        }
        return output
    }
}

/// A pointer handed to concurrent workers that each write their own disjoint range.
private struct UncheckedSendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}

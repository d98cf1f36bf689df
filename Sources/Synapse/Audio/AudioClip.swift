/// A recording: samples as `Float` in [−1, 1], interleaved by channel.
///
/// ```swift
/// let clip = try AudioClip(contentsOf: url, mixDown: true)   // mono
/// let at16k = clip.resampled(to: 16_000)
/// try at16k.writeWAV(to: output, format: .pcm16)
/// ```
public struct AudioClip: Equatable, Sendable {
    /// Frames per second.
    public let sampleRate: Int
    /// Channels per frame.
    public let channelCount: Int
    /// `frameCount × channelCount` samples, frame-major (left, right, left, right, … for stereo).
    public let samples: [Float]

    /// A clip of interleaved `samples` at `sampleRate`.
    /// - Precondition: `sampleRate` and `channelCount` are positive and `samples.count` is a multiple of `channelCount`.
    public init(samples: [Float], sampleRate: Int, channelCount: Int = 1) {
        precondition(sampleRate > 0 && channelCount > 0, "AudioClip: sampleRate \(sampleRate) and channelCount \(channelCount) must be positive")
        precondition(samples.count % channelCount == 0,
                     "AudioClip: \(samples.count) samples are not a whole number of \(channelCount)-channel frames")
        self.samples = samples
        self.sampleRate = sampleRate
        self.channelCount = channelCount
    }

    /// Frames (samples per channel).
    public var frameCount: Int { samples.count / channelCount }

    /// The length in seconds.
    public var duration: Double { Double(frameCount) / Double(sampleRate) }

    /// The samples of channel `index` (0 is the first).
    public func channel(_ index: Int) -> [Float] {
        precondition(index >= 0 && index < channelCount, "AudioClip.channel: \(index) is outside 0..<\(channelCount)")
        return stride(from: index, to: samples.count, by: channelCount).map { samples[$0] }
    }

    /// One channel, the mean of all channels (the clip itself when it is mono).
    public func mixedDown() -> AudioClip {
        guard channelCount > 1 else { return self }
        let channels = channelCount
        let scale = 1 / Float(channels)
        let mono = [Float](unsafeUninitializedCapacity: frameCount) { output, initialized in
            samples.withUnsafeBufferPointer { input in
                for frame in 0 ..< output.count {
                    var sum: Float = 0
                    for c in 0 ..< channels { sum += input[frame * channels + c] }
                    output[frame] = sum * scale
                }
            }
            initialized = output.count
        }
        return AudioClip(samples: mono, sampleRate: sampleRate)
    }
}

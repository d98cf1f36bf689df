/// How a WAV file stores each sample.
///
/// Integer PCM is read as `value / 2^(bits − 1)` (8-bit PCM is unsigned, centred on 128), so full scale
/// maps to [−1, 1), as Python's `soundfile` and librosa read it.
public enum WAVSampleFormat: String, CaseIterable, Sendable, Equatable {
    /// Unsigned 8-bit PCM.
    case pcm8
    /// Signed 16-bit little-endian PCM (the most common).
    case pcm16
    /// Signed 24-bit little-endian PCM.
    case pcm24
    /// Signed 32-bit little-endian PCM.
    case pcm32
    /// IEEE 754 32-bit float, little-endian.
    case float32

    /// Bytes one sample of one channel takes.
    public var bytesPerSample: Int {
        switch self {
        case .pcm8: return 1
        case .pcm16: return 2
        case .pcm24: return 3
        case .pcm32, .float32: return 4
        }
    }

    /// The `fmt ` chunk's format tag: 1 for PCM, 3 for IEEE float.
    var formatTag: UInt16 { self == .float32 ? 3 : 1 }

    /// The format a `fmt ` chunk's tag and bit depth name, or nil if Synapse does not read it.
    init?(formatTag: UInt16, bitsPerSample: Int) {
        switch (formatTag, bitsPerSample) {
        case (1, 8): self = .pcm8
        case (1, 16): self = .pcm16
        case (1, 24): self = .pcm24
        case (1, 32): self = .pcm32
        case (3, 32): self = .float32
        default: return nil
        }
    }
}

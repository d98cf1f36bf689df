import Foundation

extension AudioClip {
    /// Frames converted per read, so a long file costs only its `Float` samples in memory.
    private static let framesPerBlock = 1 << 14

    /// Reads a WAV file (PCM 8, 16, 24 or 32-bit, or 32-bit float; plain or extensible layout).
    ///
    /// The file is read block by block: the memory used is the `Float`
    /// samples returned (one channel's worth with `mixDown`), never the file's bytes too.
    /// - Parameters:
    ///   - url: The file.
    ///   - mixDown: Average the channels into one (mono), as librosa's `load(mono=True)` does.
    /// - Throws: `WAVError` naming the file and what is wrong with it.
    public init(contentsOf url: URL, mixDown: Bool = false) throws {
        try self.init(source: try WAVFileBytes(url: url), mixDown: mixDown)
    }

    /// Decodes a WAV file held in memory; `file` names it in errors.
    /// - Parameters:
    ///   - wavBytes: The whole file.
    ///   - file: The name errors give.
    ///   - mixDown: Average the channels into one.
    /// - Throws: `WAVError` naming `file` and what is wrong.
    public init(wavBytes: [UInt8], file: String, mixDown: Bool = false) throws {
        try self.init(source: WAVMemoryBytes(storage: wavBytes, name: file), mixDown: mixDown)
    }

    private init(source: WAVByteSource, mixDown: Bool) throws {
        let layout = try WAVLayout(parsing: source)
        let channels = layout.channelCount
        let outputChannels = mixDown ? 1 : channels
        let frameBytes = layout.bytesPerFrame
        var block = [UInt8](repeating: 0, count: Swift.min(layout.frameCount, Self.framesPerBlock) * frameBytes)
        var output = [Float](repeating: 0, count: layout.frameCount * outputChannels)
        try output.withUnsafeMutableBufferPointer { destination in
            var frame = 0
            while frame < layout.frameCount {
                let frames = Swift.min(Self.framesPerBlock, layout.frameCount - frame)
                try block.withUnsafeMutableBytes { raw in
                    let bytes = UnsafeMutableRawBufferPointer(rebasing: raw[0 ..< frames * frameBytes])
                    try source.read(at: layout.dataOffset + frame * frameBytes, into: bytes)
                    let target = destination.baseAddress! + frame * outputChannels
                    if mixDown && channels > 1 {
                        Self.decodeMixingDown(UnsafeRawBufferPointer(bytes), format: layout.format, channels: channels, into: target)
                    } else {
                        Self.decode(UnsafeRawBufferPointer(bytes), format: layout.format, into: target)
                    }
                }
                frame += frames
            }
        }
        self.init(samples: output, sampleRate: layout.sampleRate, channelCount: outputChannels)
    }

    /// Converts every sample in `bytes` to `Float` at `output`.
    private static func decode(_ bytes: UnsafeRawBufferPointer, format: WAVSampleFormat, into output: UnsafeMutablePointer<Float>) {
        let count = bytes.count / format.bytesPerSample
        for i in 0 ..< count { output[i] = sample(bytes, i, format) }
    }

    /// Converts the frames in `bytes` and writes each frame's channel mean at `output`.
    private static func decodeMixingDown(_ bytes: UnsafeRawBufferPointer, format: WAVSampleFormat, channels: Int,
                                         into output: UnsafeMutablePointer<Float>) {
        let frames = bytes.count / (format.bytesPerSample * channels)
        let scale = 1 / Float(channels)
        for frame in 0 ..< frames {
            var sum: Float = 0
            for c in 0 ..< channels { sum += sample(bytes, frame * channels + c, format) }
            output[frame] = sum * scale
        }
    }

    /// Sample `index` of `bytes`, scaled to [−1, 1).
    @inline(__always)
    private static func sample(_ bytes: UnsafeRawBufferPointer, _ index: Int, _ format: WAVSampleFormat) -> Float {
        switch format {
        case .pcm8:
            return (Float(bytes[index]) - 128) / 128
        case .pcm16:
            let raw = UInt16(bytes[2 * index]) | UInt16(bytes[2 * index + 1]) << 8
            return Float(Int16(bitPattern: raw)) / 32768
        case .pcm24:
            let at = 3 * index
            let raw = UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 24
            return Float(Int32(bitPattern: raw) >> 8) / 8_388_608
        case .pcm32:
            return Float(Int32(bitPattern: littleEndianWord(bytes, 4 * index))) / 2_147_483_648
        case .float32:
            return Float(bitPattern: littleEndianWord(bytes, 4 * index))
        }
    }

    @inline(__always)
    private static func littleEndianWord(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}

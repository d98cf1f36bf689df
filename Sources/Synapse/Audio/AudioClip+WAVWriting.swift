import Foundation

extension AudioClip {
    /// The clip as a canonical WAV file: `RIFF`, a 16-byte `fmt ` chunk and the `data` chunk,
    /// byte for byte what Python's `wave` module writes for PCM (like it, with no pad byte after an odd-sized data chunk).
    ///
    /// Samples are clipped to the format's range; integer formats round to the nearest step.
    /// `Float` holds 24 significant bits, so 32-bit PCM keeps only those.
    /// - Parameter format: The sample encoding (default 16-bit PCM).
    /// - Precondition: the data fits the 4 GiB that a WAV chunk size can express.
    public func wavData(format: WAVSampleFormat = .pcm16) -> [UInt8] {
        let dataSize = samples.count * format.bytesPerSample
        precondition(dataSize <= Int(UInt32.max) - 36, "AudioClip.wavData: \(dataSize) bytes of samples do not fit in a WAV file")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(44 + dataSize)
        func append32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { bytes.append(contentsOf: $0) } }
        func append16(_ value: Int) { withUnsafeBytes(of: UInt16(value).littleEndian) { bytes.append(contentsOf: $0) } }
        bytes.append(contentsOf: "RIFF".utf8)
        append32(36 + dataSize)
        bytes.append(contentsOf: "WAVEfmt ".utf8)
        append32(16)
        append16(Int(format.formatTag))
        append16(channelCount)
        append32(sampleRate)
        append32(sampleRate * channelCount * format.bytesPerSample)
        append16(channelCount * format.bytesPerSample)
        append16(format.bytesPerSample * 8)
        bytes.append(contentsOf: "data".utf8)
        append32(dataSize)
        for sample in samples { Self.append(sample, as: format, to: &bytes) }
        return bytes
    }

    /// Writes the clip to `url` as a WAV file, atomically (readers see the old file or the new one).
    /// - Parameters:
    ///   - url: Where to write.
    ///   - format: The sample encoding (default 16-bit PCM).
    /// - Throws: `FileWriteError` if the file cannot be written.
    public func writeWAV(to url: URL, format: WAVSampleFormat = .pcm16) throws {
        try AtomicWrite.write(Data(wavData(format: format)), to: url)
    }

    private static func append(_ sample: Float, as format: WAVSampleFormat, to bytes: inout [UInt8]) {
        func integer(_ bits: Int) -> Int64 {
            let full = Double(Int64(1) << (bits - 1))
            let scaled = (Double(sample) * full).rounded()
            if scaled.isNaN { return 0 }
            return Int64(Swift.min(Swift.max(scaled, -full), full - 1))
        }
        switch format {
        case .pcm8:
            bytes.append(UInt8(integer(8) + 128))
        case .pcm16:
            let value = UInt16(bitPattern: Int16(integer(16)))
            bytes.append(UInt8(value & 0xFF)); bytes.append(UInt8(value >> 8))
        case .pcm24:
            let value = UInt32(bitPattern: Int32(integer(24)))
            bytes.append(UInt8(value & 0xFF)); bytes.append(UInt8((value >> 8) & 0xFF)); bytes.append(UInt8((value >> 16) & 0xFF))
        case .pcm32:
            withUnsafeBytes(of: Int32(integer(32)).littleEndian) { bytes.append(contentsOf: $0) }
        case .float32:
            withUnsafeBytes(of: sample.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }
}

/// Where a WAV file's samples are and how they are encoded: the `fmt ` and
/// `data` chunks, found by walking the RIFF chunks without reading the samples.
struct WAVLayout: Equatable {
    /// The sample encoding.
    var format: WAVSampleFormat
    /// Interleaved channels per frame (at least 1).
    var channelCount: Int
    /// Frames per second (at least 1).
    var sampleRate: Int
    /// The byte offset of the first sample.
    var dataOffset: Int
    /// Whole frames in the data chunk (a trailing partial frame is ignored).
    var frameCount: Int

    /// Bytes one frame takes.
    var bytesPerFrame: Int { channelCount * format.bytesPerSample }

    /// The most bytes of a `fmt ` chunk that are looked at (the extensible layout's 40).
    private static let formatBytesRead = 40
    /// WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the sub-format GUID.
    private static let extensibleTag: UInt16 = 0xFFFE

    /// Parses the chunk headers of `source`.
    /// - Throws: `WAVError` for a wrong magic, a chunk past the end, a missing
    ///   or impossible `fmt ` chunk, or a missing `data` chunk.
    init(parsing source: WAVByteSource) throws {
        let file = source.name
        guard source.size >= 12 else { throw WAVError.notWAV(file: file) }
        let header = try source.bytes(at: 0, count: 12)
        guard header[0 ..< 4].elementsEqual("RIFF".utf8), header[8 ..< 12].elementsEqual("WAVE".utf8) else {
            throw WAVError.notWAV(file: file)
        }
        var format: (format: WAVSampleFormat, channels: Int, rate: Int)?
        var data: (offset: Int, size: Int)?
        var offset = 12
        while offset + 8 <= source.size, format == nil || data == nil {
            let chunkHeader = try source.bytes(at: offset, count: 8)
            let id = String(decoding: chunkHeader[0 ..< 4].map { (0x20 ... 0x7E).contains($0) ? $0 : 0x3F }, as: UTF8.self)
            let size = Int(Self.uint32(chunkHeader, 4))
            let body = offset + 8
            let available = source.size - body
            if id == "data" {
                guard size <= available else {
                    throw WAVError.dataPastEndOfFile(file: file, declaredSize: size, available: available)
                }
                data = (body, size)
            } else {
                guard size <= available else {
                    throw WAVError.truncatedChunk(file: file, chunk: id, offset: offset, declaredSize: size, available: available)
                }
                if id == "fmt " {
                    format = try Self.parseFormat(try source.bytes(at: body, count: min(size, Self.formatBytesRead)), file: file)
                }
            }
            offset = body + size + (size & 1)
        }
        guard let format else { throw WAVError.missingChunk(file: file, chunk: "fmt ") }
        guard let data else { throw WAVError.missingChunk(file: file, chunk: "data") }
        self.format = format.format
        channelCount = format.channels
        sampleRate = format.rate
        dataOffset = data.offset
        frameCount = data.size / (format.channels * format.format.bytesPerSample)
    }

    /// The encoding, channel count and rate a `fmt ` chunk's first bytes declare.
    private static func parseFormat(_ bytes: [UInt8], file: String) throws -> (WAVSampleFormat, Int, Int) {
        guard bytes.count >= 16 else {
            throw WAVError.badFormatField(file: file, field: "fmt chunk size", value: bytes.count, expected: "at least 16")
        }
        var tag = uint16(bytes, 0)
        let channels = Int(uint16(bytes, 2))
        let rate = Int(uint32(bytes, 4))
        let blockAlign = Int(uint16(bytes, 12))
        let bits = Int(uint16(bytes, 14))
        if tag == extensibleTag {
            guard bytes.count >= 26 else {
                throw WAVError.badFormatField(file: file, field: "extensible fmt chunk size", value: bytes.count, expected: "at least 40")
            }
            tag = uint16(bytes, 24)
        }
        guard channels > 0 else { throw WAVError.zeroChannels(file: file) }
        guard let format = WAVSampleFormat(formatTag: tag, bitsPerSample: bits) else {
            throw WAVError.unsupportedFormat(file: file, formatTag: Int(tag), bitsPerSample: bits)
        }
        guard rate > 0 else {
            throw WAVError.badFormatField(file: file, field: "sample rate", value: rate, expected: "at least 1")
        }
        guard blockAlign == channels * format.bytesPerSample else {
            throw WAVError.badFormatField(file: file, field: "block align", value: blockAlign,
                                          expected: "\(channels * format.bytesPerSample) (channels × bytes per sample)")
        }
        return (format, channels, rate)
    }

    static func uint16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}

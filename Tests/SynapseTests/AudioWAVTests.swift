import Foundation
import XCTest
@testable import Synapse

/// The WAV reader and writer against files Python's `wave` module wrote
/// (Fixtures/audio/make_wav_fixtures.py), and every malformed case.
final class AudioWAVTests: XCTestCase {
    struct Case: Decodable {
        let file: String
        let format: String
        let channels: Int
        let rate: Int
        let values: [Double]
    }

    static func fixtureURL(_ name: String) throws -> URL {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        return try XCTUnwrap(Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures/audio"),
                             "Fixtures/audio/\(name) is missing")
    }

    static func cases() throws -> [Case] {
        struct Document: Decodable { let cases: [Case] }
        return try JSONDecoder().decode(Document.self, from: Data(contentsOf: fixtureURL("wav_fixtures.json"))).cases
    }

    /// The float a stored value decodes to.
    static func expected(_ value: Double, format: WAVSampleFormat) -> Float {
        switch format {
        case .pcm8: return Float((value - 128) / 128)
        case .pcm16: return Float(value / 32768)
        case .pcm24: return Float(value / 8_388_608)
        case .pcm32: return Float(value / 2_147_483_648)
        case .float32: return Float(value)
        }
    }

    func testReadsEveryFormatThatPythonWrote() throws {
        let cases = try Self.cases()
        XCTAssertEqual(cases.count, 10)
        for c in cases {
            let format = try XCTUnwrap(WAVSampleFormat(rawValue: c.format))
            let clip = try AudioClip(contentsOf: Self.fixtureURL(c.file))
            XCTAssertEqual(clip.sampleRate, c.rate, c.file)
            XCTAssertEqual(clip.channelCount, c.channels, c.file)
            XCTAssertEqual(clip.samples, c.values.map { Self.expected($0, format: format) }, c.file)
        }
    }

    func testWriterGivesPythonsBytes() throws {
        for c in try Self.cases() {
            let format = try XCTUnwrap(WAVSampleFormat(rawValue: c.format))
            let original = try [UInt8](Data(contentsOf: Self.fixtureURL(c.file)))
            let clip = AudioClip(samples: c.values.map { Self.expected($0, format: format) }, sampleRate: c.rate, channelCount: c.channels)
            XCTAssertEqual(clip.wavData(format: format), original, c.file)
        }
    }

    func testWriteThenReadRoundTripsThroughAFile() throws {
        let folder = try makeTemporaryDirectory(self)
        let clip = AudioClip(samples: (0 ..< 300).map { Float(sin(Double($0) * 0.1)) * 0.9 }, sampleRate: 22050, channelCount: 3)
        for format in WAVSampleFormat.allCases {
            let url = folder.appendingPathComponent("\(format).wav")
            try clip.writeWAV(to: url, format: format)
            let back = try AudioClip(contentsOf: url)
            XCTAssertEqual(back.channelCount, 3)
            XCTAssertEqual(back.sampleRate, 22050)
            let step = format == .float32 ? 0 : 1 / Float(1 << (format.bytesPerSample * 8 - 1))
            for (a, b) in zip(back.samples, clip.samples) { XCTAssertEqual(a, b, accuracy: step, "\(format)") }
        }
    }

    func testMixDownAveragesTheChannels() throws {
        let stereo = try AudioClip(contentsOf: Self.fixtureURL("wave-16-2ch.wav"))
        let mono = try AudioClip(contentsOf: Self.fixtureURL("wave-16-2ch.wav"), mixDown: true)
        XCTAssertEqual(mono.channelCount, 1)
        XCTAssertEqual(mono.frameCount, stereo.frameCount)
        let left = stereo.channel(0), right = stereo.channel(1)
        for i in 0 ..< mono.frameCount { XCTAssertEqual(mono.samples[i], (left[i] + right[i]) / 2, accuracy: 1e-7) }
        XCTAssertEqual(stereo.mixedDown(), mono)
    }

    /// A file longer than one read block is read in pieces and comes back whole.
    func testLongFilesAreStreamedInBlocks() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("long.wav")
        let samples = (0 ..< 100_003).map { Float(($0 * 7919) % 65536 - 32768) / 32768 }
        try AudioClip(samples: samples, sampleRate: 8000).writeWAV(to: url)
        XCTAssertEqual(try AudioClip(contentsOf: url).samples, samples)
    }

    func testExtensibleFormatIsRead() throws {
        var bytes = AudioClip(samples: [0.5, -0.25], sampleRate: 8000).wavData(format: .pcm16)
        // Rewrite the fmt chunk as WAVE_FORMAT_EXTENSIBLE: 40 bytes, tag 0xFFFE, sub-format PCM.
        var fmt = Array(bytes[20 ..< 36])
        fmt[0] = 0xFE; fmt[1] = 0xFF
        fmt += [22, 0, 16, 0, 0, 0, 0, 0] + [1, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71]
        bytes = Array(bytes[0 ..< 16]) + [40, 0, 0, 0] + fmt + Array(bytes[36...])
        XCTAssertEqual(try AudioClip(wavBytes: bytes, file: "x.wav").samples, [0.5, -0.25])
    }

    func testMalformedFilesThrowTypedErrors() throws {
        let good = AudioClip(samples: [0.1, 0.2, 0.3, 0.4], sampleRate: 8000).wavData(format: .pcm16)
        func error(_ bytes: [UInt8]) -> WAVError? {
            do {
                _ = try AudioClip(wavBytes: bytes, file: "bad.wav")
                return nil
            } catch {
                return error as? WAVError
            }
        }
        func patched(_ offset: Int, _ values: [UInt8], in bytes: [UInt8]? = nil) -> [UInt8] {
            var copy = bytes ?? good
            copy.replaceSubrange(offset ..< offset + values.count, with: values)
            return copy
        }
        XCTAssertEqual(error(Array("RIFX".utf8) + good[4...]), .notWAV(file: "bad.wav"))
        XCTAssertEqual(error(Array(good[0 ..< 8])), .notWAV(file: "bad.wav"))
        XCTAssertEqual(error(patched(8, Array("AVI ".utf8))), .notWAV(file: "bad.wav"))
        // A data chunk declaring more than the file holds (here 4 GiB − 1).
        XCTAssertEqual(error(patched(40, [0xFF, 0xFF, 0xFF, 0xFF])), .dataPastEndOfFile(file: "bad.wav", declaredSize: 0xFFFF_FFFF, available: 8))
        XCTAssertEqual(error(Array(good[0 ..< 46])), .dataPastEndOfFile(file: "bad.wav", declaredSize: 8, available: 2))
        // The fmt chunk running past the end.
        XCTAssertEqual(error(Array(good[0 ..< 30])), .truncatedChunk(file: "bad.wav", chunk: "fmt ", offset: 12, declaredSize: 16, available: 10))
        XCTAssertEqual(error(patched(20, [2, 0])), .unsupportedFormat(file: "bad.wav", formatTag: 2, bitsPerSample: 16))
        XCTAssertEqual(error(patched(34, [12, 0])), .unsupportedFormat(file: "bad.wav", formatTag: 1, bitsPerSample: 12))
        XCTAssertEqual(error(patched(22, [0, 0])), .zeroChannels(file: "bad.wav"))
        XCTAssertEqual(error(patched(24, [0, 0, 0, 0])),
                       .badFormatField(file: "bad.wav", field: "sample rate", value: 0, expected: "at least 1"))
        XCTAssertEqual(error(patched(32, [4, 0])),
                       .badFormatField(file: "bad.wav", field: "block align", value: 4, expected: "2 (channels × bytes per sample)"))
        XCTAssertEqual(error(Array(good[0 ..< 36])), .missingChunk(file: "bad.wav", chunk: "data"))
        XCTAssertEqual(error(Array(good[0 ..< 12]) + Array(good[36...])), .missingChunk(file: "bad.wav", chunk: "fmt "))
        XCTAssertEqual(error(patched(16, [8, 0, 0, 0])),
                       .badFormatField(file: "bad.wav", field: "fmt chunk size", value: 8, expected: "at least 16"))
        XCTAssertThrowsError(try AudioClip(contentsOf: URL(fileURLWithPath: "/nonexistent/x.wav"))) { error in
            guard case .unreadable(let file, _)? = error as? WAVError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "/nonexistent/x.wav")
        }
        XCTAssertTrue(WAVError.dataPastEndOfFile(file: "a.wav", declaredSize: 9, available: 2).description.contains("a.wav"))
    }

    /// Unknown chunks before the data (LIST, fact) are skipped; a partial last frame is ignored.
    func testSkipsOtherChunksAndPartialFrames() throws {
        let good = AudioClip(samples: [0.5, -0.5], sampleRate: 8000).wavData(format: .pcm16)
        let list = Array("LIST".utf8) + [3, 0, 0, 0, 1, 2, 3, 0]   // odd size, padded
        var bytes = Array(good[0 ..< 36]) + list + Array(good[36...]) + [0x7F]
        bytes.replaceSubrange(40 + list.count ..< 44 + list.count, with: [5, 0, 0, 0])
        XCTAssertEqual(try AudioClip(wavBytes: bytes, file: "x.wav").samples, [0.5, -0.5])
    }
}

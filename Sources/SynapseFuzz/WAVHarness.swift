import Foundation
import Synapse

/// WAV files through `AudioClip(wavBytes:file:mixDown:)`, mixing down the
/// odd-sized inputs so that both decoding paths are fuzzed.
final class WAVHarness: FuzzHarness {
    let name = "wav"

    func run(_ bytes: [UInt8]) -> String {
        outcome { _ = try AudioClip(wavBytes: bytes, file: "fuzz.wav", mixDown: bytes.count & 1 == 1) }
    }

    func writeSeeds(into folder: URL) throws {
        let samples = (0 ..< 24).map { Float(sin(Double($0) * 0.7)) * 0.8 }
        for format in WAVSampleFormat.allCases {
            for channels in [1, 2] {
                let clip = AudioClip(samples: samples, sampleRate: 8000, channelCount: channels)
                try writeInput(clip.wavData(format: format), to: folder.appendingPathComponent("seed-\(format)-\(channels)ch.wav"))
            }
        }
    }
}

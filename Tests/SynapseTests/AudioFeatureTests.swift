import Foundation
import XCTest
@testable import Synapse

/// librosa's reference arrays (Fixtures/audio/make_feature_fixtures.py).
enum AudioFeatureFixtures {
    struct Entry {
        let kind: String
        let signal: String
        let settings: [String: Any]
        let shape: [Int]
        let values: ArraySlice<Float>
    }

    /// Little-endian float32 values.
    static func floats(_ data: Data) throws -> [Float] {
        let bytes = [UInt8](data)
        return stride(from: 0, to: bytes.count - 3, by: 4).map { i in
            Float(bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
        }
    }

    static func load() throws -> [Entry] {
        func url(_ name: String, _ ext: String) throws -> URL {
            try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/audio"))
        }
        let blob = try floats(Data(contentsOf: url("features", "f32")))
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url("features", "json"))) as? [String: Any])
        let arrays = try XCTUnwrap(document["arrays"] as? [[String: Any]])
        return try arrays.map { array in
            let shape = try XCTUnwrap(array["shape"] as? [Int])
            let offset = try XCTUnwrap(array["offset"] as? Int)
            return Entry(kind: try XCTUnwrap(array["kind"] as? String), signal: try XCTUnwrap(array["signal"] as? String),
                         settings: try XCTUnwrap(array["settings"] as? [String: Any]), shape: shape,
                         values: blob[offset ..< offset + shape.reduce(1, *)])
        }
    }
}

/// STFT, mel spectrogram, log-mel and MFCC equal librosa's (to 1e-4 relative)
/// on three FSDD recordings, a sine, a chirp and noise, with Hann and Hamming
/// windows, zero and reflect padding, a window shorter than the FFT, a
/// non-power-of-two FFT, Slaney and HTK scales, and librosa's defaults.
final class AudioFeatureTests: XCTestCase {
    /// Largest |ours − librosa| / max(|librosa|, floor) over the array: a relative error,
    /// with values below `floor` (tiny bins, where float rounding dominates) measured against it.
    func relativeError(_ ours: Tensor, _ reference: AudioFeatureFixtures.Entry, floor: Double) -> Double {
        XCTAssertEqual(ours.shape, reference.shape, "\(reference.kind) \(reference.signal)")
        return zip(ours.scalars, reference.values).map { a, b in
            abs(Double(a) - Double(b)) / max(abs(Double(b)), floor)
        }.max() ?? 0
    }

    func signal(_ name: String, in entries: [AudioFeatureFixtures.Entry]) throws -> [Float] {
        if let stored = entries.first(where: { $0.kind == "signal" && $0.signal == name }) { return Array(stored.values) }
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "wav", subdirectory: "Fixtures/audio"))
        return try AudioClip(contentsOf: url).samples
    }

    func melSpectrogram(_ s: [String: Any], sampleRate: Int) -> MelSpectrogram {
        MelSpectrogram(sampleRate: sampleRate, fftLength: s["n_fft"] as? Int ?? 2048, hopLength: s["hop_length"] as? Int,
                       melCount: s["n_mels"] as? Int ?? 128, minimumFrequency: s["fmin"] as? Double ?? 0,
                       maximumFrequency: s["fmax"] as? Double, scale: s["htk"] as? Bool == true ? .htk : .slaney,
                       normalization: s["norm"] is NSNull ? .none : .slaney)
    }

    func testMatchesLibrosa() throws {
        let entries = try AudioFeatureFixtures.load()
        var checked: [String: Int] = [:]
        for entry in entries where entry.kind != "signal" {
            let x = try signal(entry.signal, in: entries)
            let s = entry.settings
            let rate = s["sr"] as? Int ?? 8000
            let peak = entry.values.map { abs(Double($0)) }.max() ?? 0
            let (ours, floor): (Tensor, Double)
            switch entry.kind {
            case "stft_magnitude":
                let stft = ShortTimeFourierTransform(
                    fftLength: s["n_fft"] as! Int, hopLength: s["hop_length"] as? Int, windowLength: s["win_length"] as? Int,
                    window: SpectralWindow(rawValue: s["window"] as! String)!,
                    padding: ShortTimeFourierTransform.Padding(rawValue: s["pad_mode"] as! String)!)
                (ours, floor) = (stft.spectrogram(x, power: 1), 1e-3 * peak)
            case "mel":
                (ours, floor) = (melSpectrogram(s, sampleRate: rate)(x), 1e-3 * peak)
            case "log_mel":
                (ours, floor) = (powerToDecibels(melSpectrogram(s, sampleRate: rate)(x)), 1)
            case "mfcc":
                let mfcc = MFCC(melSpectrogram: melSpectrogram(s, sampleRate: rate), coefficientCount: s["n_mfcc"] as? Int ?? 20)
                (ours, floor) = (mfcc(x), 1e-3 * peak)
            default:
                XCTFail("unknown fixture kind \(entry.kind)")
                continue
            }
            let error = relativeError(ours, entry, floor: floor)
            XCTAssertLessThan(error, 1e-4, "\(entry.kind) of \(entry.signal) with \(s)")
            checked[entry.kind, default: 0] += 1
        }
        XCTAssertEqual(checked, ["stft_magnitude": 18, "mel": 13, "log_mel": 12, "mfcc": 7])
    }

    func testWindowsArePeriodic() {
        let hann = SpectralWindow.hann.values(length: 4)
        XCTAssertEqual(hann, [0, 0.5, 1, 0.5] as [Double], accuracy: 1e-12)
        XCTAssertEqual(SpectralWindow.hamming.values(length: 2), [0.08, 1], accuracy: 1e-12)
    }

    func testMelScales() {
        XCTAssertEqual(MelScale.slaney.mel(fromHertz: 1000), 15, accuracy: 1e-12)
        XCTAssertEqual(MelScale.htk.mel(fromHertz: 700), 2595 * log10(2), accuracy: 1e-9)
        for scale in MelScale.allCases {
            for hz in [0.0, 440, 1000, 3999] { XCTAssertEqual(scale.hertz(fromMel: scale.mel(fromHertz: hz)), hz, accuracy: 1e-9) }
        }
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}

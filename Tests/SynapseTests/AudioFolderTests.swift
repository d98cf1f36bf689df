import Foundation
import XCTest
@testable import Synapse
@testable import SynapseCLI

/// Audio datasets from folders and the audio model through the command line:
/// a folder of tones made here, trained with `synapse train --model audio-cnn`,
/// predicted by folder names; corrupt files and other sample rates.
final class AudioFolderTests: XCTestCase {
    func tone(_ frequency: Double, rate: Int = 8000, seconds: Double = 0.5, phase: Double = 0) -> AudioClip {
        let count = Int(Double(rate) * seconds)
        return AudioClip(samples: (0 ..< count).map { Float(0.4 * sin(2 * Double.pi * frequency * Double($0) / Double(rate) + phase)) },
                         sampleRate: rate)
    }

    /// `low/` (250–400 Hz) and `high/` (1.8–2.6 kHz) tones, one of them at 16 kHz.
    func makeToneFolder() throws -> URL {
        let root = try makeTemporaryDirectory(self).appendingPathComponent("tones")
        for (name, base) in [("low", 250.0), ("high", 1800.0)] {
            let folder = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for i in 0 ..< 10 {
                let frequency = base * (1 + 0.05 * Double(i))
                try tone(frequency, rate: i == 3 ? 16000 : 8000, seconds: 0.3 + 0.05 * Double(i), phase: Double(i))
                    .writeWAV(to: folder.appendingPathComponent("\(name)-\(i).wav"))
            }
        }
        return root
    }

    func testLoadsResamplesAndFixesTheLength() throws {
        let root = try makeToneFolder()
        let features = LogMelFeatures(sampleCount: 4000, fftLength: 256, hopLength: 128, melCount: 24)
        let data = try AudioFolder(directory: root, split: .seeded(testFraction: 0.2, seed: 1), features: features)
        XCTAssertEqual(data.classNames, ["high", "low"])
        XCTAssertEqual(data.train.count, 16)
        XCTAssertEqual(data.test.count, 4)
        XCTAssertEqual(data.train.inputShape, [32, 24, 1])
        XCTAssertEqual(data.resampledCount, 2)
        let values = data.train.inputs.scalars
        XCTAssertGreaterThanOrEqual(values.min()!, 0)
        XCTAssertLessThanOrEqual(values.max()!, 1)
    }

    func testCorruptFilesFailByDefaultAndAreSkippedOnRequest() throws {
        let root = try makeToneFolder()
        let broken = root.appendingPathComponent("low/broken.wav")
        try Data("RIFF0000WAVEjunk".utf8).write(to: broken)
        XCTAssertThrowsError(try AudioFolder(directory: root)) { error in
            XCTAssertTrue("\(error)".contains(broken.path), "\(error)")
        }
        let data = try AudioFolder(directory: root, corruptFiles: .skip)
        XCTAssertEqual(data.skipped.count, 1)
        XCTAssertTrue(data.skipped[0].contains(broken.path))
        XCTAssertEqual(data.train.count + data.test.count, 20)
    }

    /// `synapse train --dataset FOLDER --model audio-cnn`, then prediction names the folders.
    func testTrainsThroughTheCommandLineAndPredictsByFolderName() throws {
        let root = try makeToneFolder()
        let save = try makeTemporaryDirectory(self).appendingPathComponent("tones.synapse").path
        try Train.parse(["--dataset", root.path, "--model", "audio-cnn", "--epochs", "12", "--batch-size", "4",
                         "--save", save, "--verbose", "0"]).run()
        let model = try Model.load(from: URL(fileURLWithPath: save))
        XCTAssertEqual(model.classNames, ["high", "low"])
        let features = try XCTUnwrap(model.metadata.audioFeatures)
        XCTAssertEqual(features, LogMelFeatures())
        let probes = try makeTemporaryDirectory(self)
        try tone(300, rate: 22050).writeWAV(to: probes.appendingPathComponent("a-low.wav"))
        try tone(2200).writeWAV(to: probes.appendingPathComponent("b-high.wav"))
        let lines = try audioPredictionLines(model, features: features, at: probes.path, classNames: model.classNames)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix(probes.appendingPathComponent("a-low.wav").path + ": 1 low (probability "), lines[0])
        XCTAssertTrue(lines[1].hasPrefix(probes.appendingPathComponent("b-high.wav").path + ": 0 high (probability "), lines[1])
    }

    func testFeatureSettingsOutOfRangeAreRefused() throws {
        let good = try JSONEncoder().encode(LogMelFeatures())
        XCTAssertEqual(try JSONDecoder().decode(LogMelFeatures.self, from: good), LogMelFeatures())
        let huge = Data(#"{"sample_rate":8000,"sample_count":8000,"fft_length":1000000000,"hop_length":128,"mel_count":40}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(LogMelFeatures.self, from: huge))
        let zero = Data(#"{"sample_rate":0,"sample_count":8000,"fft_length":256,"hop_length":128,"mel_count":40}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(LogMelFeatures.self, from: zero))
    }

    func testFSDDWithAnImageModelIsAClearError() throws {
        XCTAssertThrowsError(try runAudioTraining(TrainOptions(dataset: .fsdd, epochs: 1, batchSize: 1, optimizer: .adam, learningRate: 0.001,
                                                               seed: 0, validationSplit: 0, model: .mlp, savePath: nil, verbosity: .silent))) { error in
            XCTAssertTrue("\(error)".contains("--model audio-cnn"), "\(error)")
        }
    }
}

import Foundation
import Synapse

/// `name: class (probability p)` for each WAV file at `path` (a file, or the
/// `.wav` files of a folder in name order), prepared as the model's
/// `features` were in training. A recording at another sample rate is
/// resampled, with a note on standard error.
func audioPredictionLines(_ model: Model, features: LogMelFeatures, at path: String, classNames: [String]?) throws -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CLIError("\(path) does not exist; give a WAV file or a folder of them")
    }
    var files = [URL(fileURLWithPath: path)]
    if isDirectory.boolValue {
        files = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            .filter { !$0.hasPrefix(".") && ($0 as NSString).pathExtension.lowercased() == "wav" }
            .map { URL(fileURLWithPath: path).appendingPathComponent($0) }
        guard !files.isEmpty else { throw CLIError("\(path) holds no .wav files") }
    }
    let clips = try files.map { try AudioClip(contentsOf: $0, mixDown: true) }
    for (file, clip) in zip(files, clips) where clip.sampleRate != features.sampleRate {
        writeToStandardError("note: \(file.path) is sampled at \(clip.sampleRate) Hz; resampled to the \(features.sampleRate) Hz the model was trained on")
    }
    let scores = try model.predict(features.features(of: clips), batchSize: 256)
    try requireFiniteOutputs(scores)
    return zip(files, ClassPrediction.rows(of: scores)).map { file, prediction in
        "\(file.path): \(prediction.labelText(classNames: classNames)) (probability \(String(format: "%.4f", prediction.probability)))"
    }
}

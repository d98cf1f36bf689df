import ArgumentParser
import Foundation
import Synapse

/// The `train` options a checkpoint recorded (its model's
/// `metadata.trainingOptions` and dataset), which `--resume` uses for every
/// option the command line leaves out.
struct RecordedTrainOptions {
    /// The checkpoint directory, as the user gave it.
    let checkpoint: String
    /// The recorded options, keyed by flag name without dashes (`"batch-size"`).
    let values: [String: String]
    /// The dataset the checkpoint was trained on, when recorded.
    let dataset: DatasetChoice?

    /// Reads the record of the checkpoint at `checkpoint`; a checkpoint
    /// written before records existed gives an empty one.
    init(checkpoint: String) throws {
        let modelURL = TrainingCheckpoint.modelURL(in: URL(fileURLWithPath: checkpoint))
        guard FileManager.default.fileExists(atPath: modelURL.path) else {
            throw ValidationError("--resume '\(checkpoint)' is not a checkpoint directory (it has no model.synapse inside); give the directory --checkpoint-dir or '<save path>.checkpoint' named.")
        }
        let metadata: ModelMetadata
        do {
            metadata = try ModelMetadata(contentsOfModel: modelURL)
        } catch {
            throw ValidationError("--resume '\(checkpoint)': \(error)")
        }
        self.checkpoint = checkpoint
        values = metadata.trainingOptions ?? [:]
        dataset = metadata.dataset.map(DatasetChoice.init(record:))
    }

    /// The recorded text of `key`, if any.
    func string(_ key: String) -> String? { values[key] }

    /// The recorded whole number `key`, if any; a malformed one is an error naming the checkpoint.
    func integer(_ key: String) throws -> Int? {
        try parsed(key) { Int($0) }
    }

    /// The recorded number `key`, if any.
    func number(_ key: String) throws -> Double? {
        try parsed(key) { Double($0) }
    }

    /// The recorded architecture, if any.
    func model() throws -> ModelChoice? {
        try parsed("model") { ModelChoice(rawValue: $0) }
    }

    /// The recorded optimizer, if any.
    func optimizer() throws -> OptimizerChoice? {
        try parsed("optimizer") { OptimizerChoice(rawValue: $0) }
    }

    private func parsed<T>(_ key: String, _ parse: (String) -> T?) throws -> T? {
        guard let text = values[key] else { return nil }
        guard let value = parse(text) else {
            throw ValidationError("--resume '\(checkpoint)' records an invalid \(key) '\(text)'; give --\(key) explicitly.")
        }
        return value
    }
}

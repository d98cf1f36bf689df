import Foundation
import Synapse

/// A training checkpoint with one of its files replaced by the input:
/// `state.json`, or the optimizer slots in `optimizer.safetensors`. A
/// checkpoint that reads is resumed for one training step, so that the
/// optimizer's kernel runs on the restored slots.
final class CheckpointHarness: FuzzHarness {
    /// The checkpoint file the input replaces.
    enum File: String {
        case state = "state.json"
        case optimizer = "optimizer.safetensors"
    }

    let file: File
    var name: String { file == .state ? "checkpoint-state" : "checkpoint-optimizer" }
    private let directory: URL
    private let x = Tensor.randomNormal([4, 3], seed: 1)
    private let y = Tensor(shape: [4], scalars: [0, 1, 0, 1])

    /// Writes the checkpoint the inputs are placed in: Adam's, whose
    /// `state.json` matches every seed's step count.
    init(file: File, workDirectory: URL) throws {
        self.file = file
        directory = workDirectory.appendingPathComponent("\(file.rawValue).checkpoint")
        try Self.writeCheckpoint(optimizer: "adam", to: directory, model: Self.makeModel(optimizer: "adam"))
    }

    /// The optimisers whose slots are fuzzed, by the name their files record.
    static let optimizerNames = ["adam", "adamw", "rmsprop", "adagrad", "sgd"]

    /// A small dense model compiled with the optimizer `name` (Adam for an unknown name).
    static func makeModel(optimizer name: String) -> Sequential {
        Synapse.seed(3)
        let optimizer: Optimizer
        switch name {
        case "adamw": optimizer = .adamW()
        case "rmsprop": optimizer = .rmsprop(momentum: 0.5, centered: true)
        case "adagrad": optimizer = .adagrad()
        case "sgd": optimizer = .sgd(momentum: 0.9)
        default: optimizer = .adam()
        }
        let model = Sequential([Dense(4, activation: .relu), Dense(2, activation: .softmax)])
        model.compile(optimizer: optimizer, loss: .sparseCategoricalCrossentropy)
        return model
    }

    /// Trains `model` for one step and writes its checkpoint to `directory`.
    private static func writeCheckpoint(optimizer: String, to directory: URL, model: Model) throws {
        let x = Tensor.randomNormal([4, 3], seed: 1)
        let y = Tensor(shape: [4], scalars: [0, 1, 0, 1])
        let history = try model.fit(x, y, epochs: 1, batchSize: 4, shuffle: false, verbose: .silent)
        try TrainingCheckpoint.write(model, epoch: 0, history: history, to: directory)
    }

    func run(_ bytes: [UInt8]) -> String {
        outcome {
            try writeInput(bytes, to: directory.appendingPathComponent(file.rawValue))
            let checkpoint = try TrainingCheckpoint(contentsOf: directory)
            let savedOptimizer = file == .optimizer ? optimizerName(in: bytes) : "adam"
            let model = Self.makeModel(optimizer: savedOptimizer)
            try model.fit(x, y, epochs: checkpoint.epoch + 2, batchSize: 4, shuffle: false, verbose: .silent,
                          resumeFrom: directory)
        }
    }

    /// The optimizer the file's metadata names, if it reads; else "adam".
    private func optimizerName(in bytes: [UInt8]) -> String {
        (try? SafetensorsFile(decoding: Data(bytes)))?.metadata["optimizer"] ?? "adam"
    }

    /// `state.json` of an Adam checkpoint, or `optimizer.safetensors` of one checkpoint per optimizer.
    func writeSeeds(into folder: URL) throws {
        let names = file == .state ? ["adam"] : Self.optimizerNames
        for name in names {
            let checkpoint = folder.appendingPathComponent("\(name).checkpoint")
            try Self.writeCheckpoint(optimizer: name, to: checkpoint, model: Self.makeModel(optimizer: name))
            let seedName = file == .state ? "state.json" : "\(name).safetensors"
            try FileManager.default.copyItem(at: checkpoint.appendingPathComponent(file.rawValue),
                                             to: folder.appendingPathComponent(seedName))
            try FileManager.default.removeItem(at: checkpoint)
        }
    }
}

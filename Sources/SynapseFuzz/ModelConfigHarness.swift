import Foundation
import Synapse

/// A model directory's `config.json`, rebuilt into a model under small size
/// limits (so that the loop stays far below its memory limit; the checks
/// are the same at any limit).
final class ModelConfigHarness: FuzzHarness {
    let name = "config"
    private let modelDirectory: URL
    private let configURL: URL
    /// 4M parameters and 4M values per example at any layer.
    private let limits = ModelSizeLimits(maximumParameterCount: 1 << 22, maximumActivationCount: 1 << 22)

    init(workDirectory: URL) throws {
        modelDirectory = workDirectory.appendingPathComponent("config.synapse")
        configURL = modelDirectory.appendingPathComponent("config.json")
        try FileManager.default.createDirectory(at: modelDirectory, withIntermediateDirectories: true)
    }

    /// Loads the model; with no weights file beside the configuration, a
    /// configuration that builds ends in a "cannot read weights" error.
    func run(_ bytes: [UInt8]) -> String {
        outcome {
            try writeInput(bytes, to: configURL)
            _ = try Model.load(from: modelDirectory, limits: limits)
        }
    }

    /// The seed models' `config.json` files.
    func writeSeeds(into folder: URL) throws {
        try SeedModels.copySavedFile("config.json", into: folder, prefix: "config")
    }
}

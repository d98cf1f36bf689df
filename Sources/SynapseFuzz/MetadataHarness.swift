import Foundation
import Synapse

/// A model directory's `metadata.json` (dataset, class names, preprocessing
/// and training options), read as `Model.load` and the `synapse` commands do.
final class MetadataHarness: FuzzHarness {
    let name = "metadata"
    private let modelDirectory: URL
    private let metadataURL: URL

    init(workDirectory: URL) throws {
        modelDirectory = workDirectory.appendingPathComponent("metadata.synapse")
        metadataURL = modelDirectory.appendingPathComponent("metadata.json")
        try FileManager.default.createDirectory(at: modelDirectory, withIntermediateDirectories: true)
    }

    func run(_ bytes: [UInt8]) -> String {
        outcome {
            try writeInput(bytes, to: metadataURL)
            _ = try ModelMetadata(contentsOfModel: modelDirectory)
        }
    }

    /// A full record, as `synapse train` writes it, and a nearly empty one.
    func writeSeeds(into folder: URL) throws {
        let full = ModelMetadata(
            dataset: DatasetRecord(name: "fashion-mnist", path: "/data/fashion-mnist", fingerprint: "sha256:00ff"),
            classNames: ["T-shirt/top", "Trouser", "Pullover"],
            preprocessing: InputPreprocessing(imageShape: [28, 28], scale: 1.0 / 255),
            trainingOptions: ["optimizer": "adam", "epochs": "10", "batch-size": "32"])
        let sparse = ModelMetadata(classNames: ["zero", "one"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (index, record) in [full, sparse].enumerated() {
            try encoder.encode(record).write(to: folder.appendingPathComponent("metadata\(index).json"))
        }
    }
}

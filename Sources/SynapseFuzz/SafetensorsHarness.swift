import Foundation
import Synapse

/// safetensors files.
final class SafetensorsHarness: FuzzHarness {
    let name = "safetensors"

    func run(_ bytes: [UInt8]) -> String {
        outcome { _ = try SafetensorsFile(decoding: Data(bytes), file: "fuzz.safetensors") }
    }

    /// The weights of a small dense and a small convolutional model, as Synapse writes them.
    func writeSeeds(into folder: URL) throws {
        for (index, model) in try SeedModels.all().enumerated() {
            let url = folder.appendingPathComponent("model\(index)")
            try model.save(to: url)
            try FileManager.default.copyItem(at: url.appendingPathComponent("weights.safetensors"),
                                             to: folder.appendingPathComponent("weights\(index).safetensors"))
            try FileManager.default.removeItem(at: url)
        }
    }
}

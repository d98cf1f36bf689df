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
        try SeedModels.copySavedFile("weights.safetensors", into: folder, prefix: "weights")
    }
}

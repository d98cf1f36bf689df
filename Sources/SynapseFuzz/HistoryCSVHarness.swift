import Foundation
import Synapse

/// Training logs (`CSVLogger` files), as `synapse plot` reads them.
final class HistoryCSVHarness: FuzzHarness {
    let name = "history-csv"

    func run(_ bytes: [UInt8]) -> String {
        outcome { _ = try History(csv: bytes, file: "fuzz.csv") }
    }

    func writeSeeds(into folder: URL) throws {
        try writeInput(Array("epoch,accuracy,loss,val_accuracy,val_loss\n0,0.81,0.52,0.84,0.45\n1,0.86,0.38,,0.41\n".utf8),
                       to: folder.appendingPathComponent("seed-log.csv"))
    }
}

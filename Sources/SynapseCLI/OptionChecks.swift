import ArgumentParser
import Foundation

/// Reads `--seed`: a whole number from 0 to 2^64−1, or a message saying so.
@Sendable func parseSeed(_ text: String) throws -> UInt64 {
    guard let seed = UInt64(text) else {
        throw ValidationError("--seed must be a whole number from 0 to 2^64-1 (got \(text)).")
    }
    return seed
}

/// Why a directory cannot be created in `directory`, found by creating and
/// removing one, or nil when it can.
func unwritableReason(directory: String) -> String? {
    let probe = URL(fileURLWithPath: directory).appendingPathComponent(".synapse-write-probe-\(UUID().uuidString)").path
    guard mkdir(probe, 0o700) == 0 else { return String(cString: strerror(errno)) }
    rmdir(probe)
    return nil
}

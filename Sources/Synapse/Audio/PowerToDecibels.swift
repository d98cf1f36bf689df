import Foundation

/// A power spectrogram in decibels, as `librosa.power_to_db`:
/// 10·log₁₀(max(amin, S)) − 10·log₁₀(max(amin, reference)), then floored at
/// `topDB` below the largest value.
///
/// - Parameters:
///   - power: Power values (e.g. a mel spectrogram).
///   - reference: The value that becomes 0 dB; librosa's default 1.
///   - amin: The smallest value taken, to avoid log 0; librosa's default 1e-10.
///   - topDB: The range kept below the maximum; librosa's default 80, nil for no floor.
/// - Returns: A tensor of `power`'s shape.
public func powerToDecibels(_ power: Tensor, reference: Double = 1, amin: Double = 1e-10, topDB: Double? = 80) -> Tensor {
    let offset = 10 * log10(max(amin, reference))
    var decibels = power.scalars.map { 10 * log10(max(amin, Double($0))) - offset }
    if let topDB, let peak = decibels.max() {
        let floor = peak - topDB
        for i in decibels.indices where decibels[i] < floor { decibels[i] = floor }
    }
    return Tensor(shape: power.shape, scalars: decibels.map(Float.init))
}

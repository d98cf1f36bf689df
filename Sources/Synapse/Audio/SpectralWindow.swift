import Foundation

/// The window each STFT frame is multiplied by.
///
/// Windows are *periodic* (`scipy.signal.get_window(name, n, fftbins=True)`), as librosa uses them.
public enum SpectralWindow: String, CaseIterable, Codable, Sendable {
    /// Hann: 0.5 − 0.5·cos(2πn/N), librosa's default.
    case hann
    /// Hamming: 0.54 − 0.46·cos(2πn/N).
    case hamming
    /// All ones (no window).
    case rectangular

    /// The window's `length` values.
    public func values(length: Int) -> [Double] {
        (0 ..< length).map { n in
            let phase = 2 * Double.pi * Double(n) / Double(length)
            switch self {
            case .hann: return 0.5 - 0.5 * cos(phase)
            case .hamming: return 0.54 - 0.46 * cos(phase)
            case .rectangular: return 1
            }
        }
    }
}

import Foundation

/// The mel scale: how frequencies in hertz map to perceived pitch.
public enum MelScale: String, Codable, CaseIterable, Sendable {
    /// Slaney's Auditory Toolbox scale, librosa's default (`htk=False`): linear
    /// below 1 kHz (200/3 Hz per mel), logarithmic above (27 mels per factor 6.4).
    case slaney
    /// The HTK formula, 2595·log₁₀(1 + f/700) (`htk=True`).
    case htk

    private static let linearStep = 200.0 / 3
    private static let logStart = 1000.0
    private static let logStartMel = logStart / linearStep
    private static let logStep = log(6.4) / 27

    /// The mel value of `hertz`.
    public func mel(fromHertz hertz: Double) -> Double {
        switch self {
        case .htk:
            return 2595 * log10(1 + hertz / 700)
        case .slaney:
            return hertz < Self.logStart ? hertz / Self.linearStep
                : Self.logStartMel + log(hertz / Self.logStart) / Self.logStep
        }
    }

    /// The frequency in hertz of `mel`.
    public func hertz(fromMel mel: Double) -> Double {
        switch self {
        case .htk:
            return 700 * (pow(10, mel / 2595) - 1)
        case .slaney:
            return mel < Self.logStartMel ? mel * Self.linearStep
                : Self.logStart * exp(Self.logStep * (mel - Self.logStartMel))
        }
    }
}

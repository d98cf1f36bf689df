/// Which accountant turns the DP-SGD steps taken into ε during private
/// training (and finds σ for a target ε).
public enum PrivacyAccountantKind: String, Sendable, CaseIterable {
    /// Rényi DP (``RDPAccountant``) with the settings' conversion: a valid but
    /// looser bound (2.60 for TF Privacy's tutorial run), the one Opacus's
    /// `accountant="rdp"` and published tables report, and costs microseconds.
    /// The default, so that a target ε gives the same σ as those.
    case rdp
    /// The privacy loss distribution (``PLDAccountant``): tight (2.38 for the
    /// same run), as dp-accounting's PLD and Opacus's default PRV accountant;
    /// a target ε then needs less noise. Costs a fraction of a second per ε.
    case pld

    /// The ε that `history` spends at `delta`.
    public func epsilon(history: [PrivacySteps], delta: Double, conversion: RDPConversion = .balle2020,
                        orders: [Double] = RDPAccountant.defaultOrders) -> Double {
        switch self {
        case .rdp:
            var accountant = RDPAccountant(orders: orders)
            for run in history { accountant.record(noiseMultiplier: run.noiseMultiplier, sampleRate: run.sampleRate, steps: run.count) }
            return accountant.epsilon(delta: delta, conversion: conversion)
        case .pld:
            return PLDAccountant(history: history).epsilon(delta: delta)
        }
    }

    /// The name saved in ``PrivacyRecord/accountant``: `"rdp/balle2020"`, `"rdp/classic"` or `"pld"`.
    public func recordName(conversion: RDPConversion) -> String {
        switch self {
        case .rdp: return "rdp/\(conversion.rawValue)"
        case .pld: return "pld"
        }
    }
}

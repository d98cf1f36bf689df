import ArgumentParser
import Synapse

extension PrivacyAccountantKind: ExpressibleByArgument {}

/// `synapse train --dp`'s settings, checked.
struct PrivacyOptions: Equatable {
    /// σ, or the ε the whole run may spend.
    var noise: PrivacySettings.Noise
    /// δ of the (ε, δ) guarantee.
    var delta: Double
    /// C, the per-example gradient norm bound.
    var maxGradNorm: Double
    /// The accountant that reports ε and finds σ for a target.
    var accountant: PrivacyAccountantKind

    /// DP-SGD as `fit` runs it: Poisson sampling, flat clipping, secure noise,
    /// ε by the chosen accountant (RDP with the Balle et al. (2020) conversion, or PLD).
    var settings: PrivacySettings {
        PrivacySettings(noise: noise, maxGradNorm: maxGradNorm, delta: delta, sampling: .poisson, clipping: .flat,
                        noiseSource: .secure, conversion: .balle2020, accountant: accountant)
    }

    /// `dp=…` for the options' summary line (the accountant only when not the default).
    var summary: String {
        let accountantPart = accountant == .rdp ? "" : ",accountant:\(accountant.rawValue)"
        switch noise {
        case let .multiplier(sigma):
            return "dp=noise-multiplier:\(sigma),delta:\(delta),max-grad-norm:\(maxGradNorm)" + accountantPart
        case let .targetEpsilon(epsilon):
            return "dp=target-epsilon:\(epsilon),delta:\(delta),max-grad-norm:\(maxGradNorm)" + accountantPart
        }
    }

    /// The options from the command line's flags; nil without `--dp`.
    /// Throws a `ValidationError` for a privacy flag without `--dp`, both or
    /// neither of σ and ε, σ ≤ 0, ε ≤ 0, δ outside (0, 1), C ≤ 0, or `--resume`.
    init?(dp: Bool, noiseMultiplier: Double?, targetEpsilon: Double?, delta: Double?, maxGradNorm: Double?,
          accountant: PrivacyAccountantKind? = nil, resuming: Bool) throws {
        guard dp else {
            if noiseMultiplier != nil || targetEpsilon != nil || delta != nil || maxGradNorm != nil || accountant != nil {
                throw ValidationError("--noise-multiplier, --target-epsilon, --delta, --max-grad-norm and --accountant only apply to private training; add --dp.")
            }
            return nil
        }
        self.accountant = accountant ?? .rdp
        guard !resuming else {
            throw ValidationError("--dp cannot be combined with --resume: the privacy accountant would restart; train privately in one run.")
        }
        switch (noiseMultiplier, targetEpsilon) {
        case let (sigma?, nil):
            guard sigma > 0, sigma.isFinite else {
                throw ValidationError("--noise-multiplier must be a positive number (got \(sigma)); or pass --target-epsilon to have it computed.")
            }
            noise = .multiplier(sigma)
        case let (nil, epsilon?):
            guard epsilon > 0, epsilon.isFinite else {
                throw ValidationError("--target-epsilon must be a positive number (got \(epsilon)); 1 to 10 is usual.")
            }
            noise = .targetEpsilon(epsilon)
        case (nil, nil):
            throw ValidationError("--dp needs --noise-multiplier σ or --target-epsilon ε.")
        case (_?, _?):
            throw ValidationError("--noise-multiplier and --target-epsilon exclude each other: give σ, or the ε to reach.")
        }
        self.delta = delta ?? 1e-5
        guard self.delta > 0, self.delta < 1 else {
            throw ValidationError("--delta must be above 0 and below 1/N for N training examples (got \(self.delta)); 1e-5 is usual.")
        }
        self.maxGradNorm = maxGradNorm ?? 1
        guard self.maxGradNorm > 0, self.maxGradNorm.isFinite else {
            throw ValidationError("--max-grad-norm must be a positive number (got \(self.maxGradNorm)); 1 is usual.")
        }
    }
}

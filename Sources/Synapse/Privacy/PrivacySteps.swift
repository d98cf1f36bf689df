/// A run of identical DP-SGD steps.
public struct PrivacySteps: Sendable, Equatable, Codable {
    /// σ: the noise's standard deviation over the clipping norm.
    public var noiseMultiplier: Double
    /// q: the probability that an example joins a batch.
    public var sampleRate: Double
    /// How many steps.
    public var count: Int

    /// `count` steps with noise multiplier σ at sample rate q.
    public init(noiseMultiplier: Double, sampleRate: Double, count: Int) {
        self.noiseMultiplier = noiseMultiplier
        self.sampleRate = sampleRate
        self.count = count
    }
}

extension Array where Element == PrivacySteps {
    /// Adds `steps` steps, merged into the last run when σ and q are the same.
    mutating func record(noiseMultiplier: Double, sampleRate: Double, steps: Int) {
        precondition(steps >= 0, "Privacy accountant: steps must be ≥ 0, got \(steps)")
        precondition(sampleRate >= 0 && sampleRate <= 1 && noiseMultiplier >= 0,
                     "Privacy accountant: sample rate \(sampleRate) must be in [0, 1] and σ = \(noiseMultiplier) ≥ 0")
        if let last = last, last.noiseMultiplier == noiseMultiplier, last.sampleRate == sampleRate {
            self[count - 1].count += steps
        } else {
            append(PrivacySteps(noiseMultiplier: noiseMultiplier, sampleRate: sampleRate, count: steps))
        }
    }
}

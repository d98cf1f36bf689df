/// The privacy guarantee of a privately trained model, saved in its
/// metadata (`metadata.json`, under `"privacy"`).
public struct PrivacyRecord: Codable, Equatable, Sendable {
    /// ε spent over all steps, at `delta`.
    public var epsilon: Double
    /// δ of the (ε, δ) guarantee.
    public var delta: Double
    /// σ: the noise's standard deviation over the clipping norm.
    public var noiseMultiplier: Double
    /// C: the per-example gradient norm bound.
    public var maxGradNorm: Double
    /// q: the probability that an example joins a batch.
    public var sampleRate: Double
    /// The DP-SGD steps taken.
    public var steps: Int
    /// `"poisson"` or `"shuffled"`.
    public var sampling: String
    /// `"flat"` or `"per_layer"`.
    public var clipping: String
    /// How ε was computed: `"rdp/balle2020"`, `"rdp/classic"` or `"pld"`.
    public var accountant: String

    /// A record with every field given.
    public init(epsilon: Double, delta: Double, noiseMultiplier: Double, maxGradNorm: Double, sampleRate: Double,
                steps: Int, sampling: String, clipping: String, accountant: String) {
        self.epsilon = epsilon
        self.delta = delta
        self.noiseMultiplier = noiseMultiplier
        self.maxGradNorm = maxGradNorm
        self.sampleRate = sampleRate
        self.steps = steps
        self.sampling = sampling
        self.clipping = clipping
        self.accountant = accountant
    }

    enum CodingKeys: String, CodingKey {
        case epsilon, delta, noiseMultiplier = "noise_multiplier", maxGradNorm = "max_grad_norm",
             sampleRate = "sample_rate", steps, sampling, clipping, accountant
    }
}

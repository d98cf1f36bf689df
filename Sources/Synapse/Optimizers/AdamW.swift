/// Adam with decoupled weight decay (Loshchilov & Hutter), as Keras's
/// `AdamW`: each step first shrinks the parameter, p ← p − lr·wd·p, then
/// takes the Adam step. Keras defaults: learning rate 1e-3, weight decay
/// 0.004, β₁ 0.9, β₂ 0.999, ε 1e-7. `epsilonConvention: .pytorch` adds ε
/// where `torch.optim.AdamW` does (see `Adam`).
public final class AdamW: Adam {
    /// AdamW with Keras's defaults.
    public init(learningRate: Float = 1e-3, weightDecay: Float = 0.004,
                beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7,
                epsilonConvention: EpsilonConvention = .keras) {
        precondition(weightDecay >= 0, "AdamW: weightDecay must be ≥ 0, got \(weightDecay)")
        super.init(name: "adamw", learningRate: learningRate, beta1: beta1, beta2: beta2,
                   epsilon: epsilon, epsilonConvention: epsilonConvention, weightDecay: weightDecay)
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        var values = super.configuration
        values["weight_decay"] = .double(Double(weightDecay))
        return values
    }
}

extension Optimizer {
    /// AdamW with Keras's defaults, for `compile(optimizer: .adamW(), …)`.
    public static func adamW(learningRate: Float = 1e-3, weightDecay: Float = 0.004,
                             beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) -> Optimizer {
        AdamW(learningRate: learningRate, weightDecay: weightDecay, beta1: beta1, beta2: beta2, epsilon: epsilon)
    }
}

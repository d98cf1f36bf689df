import CSynapseKernels

/// Adam (Kingma & Ba), with the Keras defaults: learning rate 1e-3, β₁ 0.9,
/// β₂ 0.999, ε 1e-7. The whole update is one vectorised pass per parameter.
///
/// `epsilonConvention: .pytorch` (with ε 1e-8) makes it PyTorch's
/// `torch.optim.Adam`, for recipes written for PyTorch (snnTorch's): the two
/// differ only where ε is added, which matters when gradients are tiny.
public class Adam: Optimizer {
    /// Decay rate of the first-moment estimate.
    public let beta1: Float
    /// Decay rate of the second-moment estimate.
    public let beta2: Float
    /// Added to the denominator for stability.
    public let epsilon: Float
    /// Whether ε is added to √v (Keras) or to the bias-corrected √v̂ (PyTorch).
    public let epsilonConvention: EpsilonConvention
    /// Decoupled weight decay (AdamW); 0 for Adam.
    public let weightDecay: Float
    /// The parameters weight decay skips (see `excludeFromWeightDecay(_:)`).
    private var decayExclusions = Set<ObjectIdentifier>()

    /// Adam with Keras's defaults; `.pytorch` adds ε where PyTorch does
    /// (pass `epsilon: 1e-8` too for PyTorch's defaults).
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7,
                epsilonConvention: EpsilonConvention = .keras) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.epsilonConvention = epsilonConvention
        self.weightDecay = 0
        super.init(name: "adam", learningRate: learningRate)
    }

    init(name: String, learningRate: Float, beta1: Float, beta2: Float, epsilon: Float,
         epsilonConvention: EpsilonConvention, weightDecay: Float) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.epsilonConvention = epsilonConvention
        self.weightDecay = weightDecay
        super.init(name: name, learningRate: learningRate)
    }

    /// m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; p ← p − α̂·m / (√v + ε̂), with
    /// α̂ = lr·√(1−β₂ᵗ)/(1−β₁ᵗ) as in Keras; ε̂ = ε (Keras) or ε·√(1−β₂ᵗ),
    /// which is PyTorch's p ← p − lr·m̂ / (√v̂ + ε) rewritten.
    public override func apply(to parameter: Parameter, gradient: Tensor, learningRate: Float) {
        let key = ObjectIdentifier(parameter)
        _ = slots(for: parameter) { [Tensor.zeros(parameter.shape), Tensor.zeros(parameter.shape)] }
        // Updated in place below, so make sure no one else shares the buffers.
        slots[key]![0].makeUniqueStorage()
        slots[key]![1].makeUniqueStorage()
        let t = Float(iterations)
        let correctedRate = learningRate * (1 - Foundation.pow(beta2, t)).squareRoot() / (1 - Foundation.pow(beta1, t))
        let stepEpsilon = epsilonConvention == .keras ? epsilon : epsilon * (1 - Foundation.pow(beta2, t)).squareRoot()
        let decay = decayExclusions.contains(key) ? 0 : learningRate * weightDecay
        let m = slots[key]![0].storage.pointer, v = slots[key]![1].storage.pointer
        parameter.update { p in
            gradient.withUnsafeBufferPointer { g in
                syn_adam_update(p.baseAddress!, g.baseAddress!, m, v, p.count,
                                correctedRate, beta1, beta2, stepEpsilon, decay)
            }
        }
    }

    /// Exempts `parameters` from weight decay, as Keras's
    /// `exclude_from_weight_decay`: GPT training decays matrices only, not
    /// biases or normalisation scales.
    public func excludeFromWeightDecay(_ parameters: [Parameter]) {
        for parameter in parameters { decayExclusions.insert(ObjectIdentifier(parameter)) }
    }

    /// Two: the first and second moments.
    public override var slotCount: Int? { 2 }

    /// The constructor arguments (`epsilon_convention` only when it is PyTorch's).
    public override var configuration: [String: ConfigurationValue] {
        var values: [String: ConfigurationValue] = [
            "learning_rate": .double(Double(learningRate)), "beta_1": .double(Double(beta1)),
            "beta_2": .double(Double(beta2)), "epsilon": .double(Double(epsilon))]
        if epsilonConvention != .keras { values["epsilon_convention"] = .string(epsilonConvention.rawValue) }
        return values
    }
}

import Foundation

extension Optimizer {
    /// Adam with Keras's defaults, for `compile(optimizer: .adam(), …)`.
    public static func adam(learningRate: Float = 1e-3) -> Optimizer { Adam(learningRate: learningRate) }
}

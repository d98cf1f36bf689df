/// RMSprop, as Keras's `RMSprop`: divides the gradient by the root of a
/// moving average of its square.
///
/// v ← ρv + (1−ρ)g²; with `centered`, also a ← ρa + (1−ρ)g and the
/// denominator is √(v − a² + ε), otherwise √(v + ε); the step s = lr·g / that
/// goes straight to p ← p − s, or through momentum: u ← μu + s, p ← p − u.
/// Decoupled weight decay first applies p ← p − lr·wd·p.
public final class RMSprop: Optimizer {
    /// Decay rate of the squared-gradient average.
    public let rho: Float
    /// Momentum factor; 0 for none.
    public let momentum: Float
    /// Added under the square root for stability.
    public let epsilon: Float
    /// Whether to normalise by the estimated variance instead of the second moment.
    public let centered: Bool
    /// Decoupled weight decay; 0 for none.
    public let weightDecay: Float

    /// RMSprop with Keras's defaults.
    public init(learningRate: Float = 1e-3, rho: Float = 0.9, momentum: Float = 0, epsilon: Float = 1e-7,
                centered: Bool = false, weightDecay: Float = 0) {
        precondition(rho >= 0 && rho <= 1, "RMSprop: rho must be in [0, 1], got \(rho)")
        precondition(momentum >= 0 && momentum <= 1, "RMSprop: momentum must be in [0, 1], got \(momentum)")
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered
        self.weightDecay = weightDecay
        super.init(name: "rmsprop", learningRate: learningRate)
    }

    /// The velocity, plus the momentum and the average gradient when used.
    public override var slotCount: Int? { 1 + (momentum > 0 ? 1 : 0) + (centered ? 1 : 0) }

    /// One RMSprop step on `parameter`, in one pass over its elements.
    public override func apply(to parameter: Parameter, gradient: Tensor, learningRate: Float) {
        // Slots: the velocity, then the momentum and the average gradient when used.
        let usesMomentum = momentum > 0
        let state = uniqueSlots(for: parameter, initialValues: [0] + (usesMomentum ? [0] : []) + (centered ? [0] : []))
        let velocity = state[0], accumulated = state[usesMomentum ? 1 : 0], average = state[state.count - 1]
        let rho = self.rho, momentum = self.momentum, epsilon = self.epsilon, centered = self.centered
        let decay = learningRate * weightDecay
        parameter.update { p in
            gradient.withUnsafeBufferPointer { g in
                for i in 0..<p.count {
                    let gi = g[i]
                    velocity[i] = rho * velocity[i] + (1 - rho) * gi * gi
                    var denominator = velocity[i] + epsilon
                    if centered {
                        average[i] = rho * average[i] + (1 - rho) * gi
                        denominator -= average[i] * average[i]
                    }
                    var step = learningRate * gi / denominator.squareRoot()
                    if usesMomentum {
                        accumulated[i] = momentum * accumulated[i] + step
                        step = accumulated[i]
                    }
                    p[i] = p[i] - decay * p[i] - step
                }
            }
        }
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["learning_rate": .double(Double(learningRate)), "rho": .double(Double(rho)),
         "momentum": .double(Double(momentum)), "epsilon": .double(Double(epsilon)),
         "centered": .bool(centered), "weight_decay": .double(Double(weightDecay))]
    }
}

extension Optimizer {
    /// RMSprop with Keras's defaults, for `compile(optimizer: .rmsprop(), …)`.
    public static func rmsprop(learningRate: Float = 1e-3, rho: Float = 0.9, momentum: Float = 0,
                               epsilon: Float = 1e-7, centered: Bool = false, weightDecay: Float = 0) -> Optimizer {
        RMSprop(learningRate: learningRate, rho: rho, momentum: momentum, epsilon: epsilon,
                centered: centered, weightDecay: weightDecay)
    }
}

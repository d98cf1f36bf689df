/// Stochastic gradient descent, with optional momentum, Nesterov momentum
/// and decoupled weight decay, as Keras's `SGD`.
///
/// Without momentum: p ← p − lr·g. With momentum m: v ← m·v − lr·g, then
/// p ← p + v, or with Nesterov p ← p + m·v − lr·g. Weight decay first
/// shrinks the parameter: p ← p − lr·wd·p.
public final class SGD: Optimizer {
    /// The momentum factor, in [0, 1).
    public let momentum: Float
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool
    /// Decoupled weight decay; 0 for none.
    public let weightDecay: Float

    /// SGD with Keras's defaults (learning rate 0.01, no momentum).
    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        precondition(momentum >= 0 && momentum <= 1, "SGD: momentum must be in [0, 1], got \(momentum)")
        precondition(weightDecay >= 0, "SGD: weightDecay must be ≥ 0, got \(weightDecay)")
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        super.init(name: "sgd", learningRate: learningRate)
    }

    /// The velocity with momentum; none without.
    public override var slotCount: Int? { momentum != 0 ? 1 : 0 }

    /// One SGD step on `parameter`, in one pass over its elements.
    public override func apply(to parameter: Parameter, gradient: Tensor, learningRate: Float) {
        let decay = learningRate * weightDecay
        guard momentum != 0 else {
            parameter.update { p in
                gradient.withUnsafeBufferPointer { g in
                    for i in 0..<p.count { p[i] = p[i] - decay * p[i] - learningRate * g[i] }
                }
            }
            return
        }
        let velocity = uniqueSlots(for: parameter, initialValues: [0])[0]
        let momentum = self.momentum, nesterov = self.nesterov
        parameter.update { p in
            gradient.withUnsafeBufferPointer { g in
                for i in 0..<p.count {
                    let decayed = p[i] - decay * p[i]
                    let step = momentum * velocity[i] - learningRate * g[i]
                    velocity[i] = step
                    p[i] = nesterov ? decayed + (momentum * step - learningRate * g[i]) : decayed + step
                }
            }
        }
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["learning_rate": .double(Double(learningRate)), "momentum": .double(Double(momentum)),
         "nesterov": .bool(nesterov), "weight_decay": .double(Double(weightDecay))]
    }
}

extension Optimizer {
    /// SGD, for `compile(optimizer: .sgd(momentum: 0.9), …)`; see `SGD`.
    public static func sgd(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false,
                           weightDecay: Float = 0) -> Optimizer {
        SGD(learningRate: learningRate, momentum: momentum, nesterov: nesterov, weightDecay: weightDecay)
    }
}

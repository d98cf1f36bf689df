/// Adagrad, as Keras's `Adagrad`: each element's step shrinks with the sum
/// of its squared gradients. a ← a + g²; p ← p − lr·g / √(a + ε), with a
/// starting at `initialAccumulatorValue`. Decoupled weight decay first
/// applies p ← p − lr·wd·p.
public final class Adagrad: Optimizer {
    /// The starting value of every accumulator.
    public let initialAccumulatorValue: Float
    /// Added under the square root for stability.
    public let epsilon: Float
    /// Decoupled weight decay; 0 for none.
    public let weightDecay: Float

    /// Adagrad with Keras's defaults.
    public init(learningRate: Float = 1e-3, initialAccumulatorValue: Float = 0.1, epsilon: Float = 1e-7,
                weightDecay: Float = 0) {
        precondition(initialAccumulatorValue >= 0,
                     "Adagrad: initialAccumulatorValue must be ≥ 0, got \(initialAccumulatorValue)")
        self.initialAccumulatorValue = initialAccumulatorValue
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        super.init(name: "adagrad", learningRate: learningRate)
    }

    /// One: the accumulator.
    public override var slotCount: Int? { 1 }

    /// One Adagrad step on `parameter`, in one pass over its elements.
    public override func apply(to parameter: Parameter, gradient: Tensor, learningRate: Float) {
        let accumulator = uniqueSlots(for: parameter, initialValues: [initialAccumulatorValue])[0]
        let epsilon = self.epsilon, decay = learningRate * weightDecay
        parameter.update { p in
            gradient.withUnsafeBufferPointer { g in
                for i in 0..<p.count {
                    accumulator[i] += g[i] * g[i]
                    p[i] = p[i] - decay * p[i] - learningRate * g[i] / (accumulator[i] + epsilon).squareRoot()
                }
            }
        }
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] {
        ["learning_rate": .double(Double(learningRate)),
         "initial_accumulator_value": .double(Double(initialAccumulatorValue)),
         "epsilon": .double(Double(epsilon)), "weight_decay": .double(Double(weightDecay))]
    }
}

extension Optimizer {
    /// Adagrad with Keras's defaults, for `compile(optimizer: .adagrad(), …)`.
    public static func adagrad(learningRate: Float = 1e-3, initialAccumulatorValue: Float = 0.1,
                               epsilon: Float = 1e-7, weightDecay: Float = 0) -> Optimizer {
        Adagrad(learningRate: learningRate, initialAccumulatorValue: initialAccumulatorValue,
                epsilon: epsilon, weightDecay: weightDecay)
    }
}

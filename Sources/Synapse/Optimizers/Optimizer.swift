import CSynapseKernels

/// The base class of optimisers: it applies gradient clipping and the
/// learning-rate schedule, then lets each subclass update each parameter.
///
/// The same optimiser serves `fit` and hand-written loops:
/// ```swift
/// let optimizer = Adam(learningRate: 1e-3)
/// let crossEntropy = SparseCategoricalCrossentropy()
/// for (x, y) in train.batches(size: 32, shuffle: true, seed: 0) {
///     let (loss, gradients) = valueWithGradients(of: model) { model in
///         crossEntropy(predictions: model(x), targets: y)
///     }
///     optimizer.update(model, with: gradients)
/// }
/// ```
open class Optimizer {
    /// The Keras name (`"adam"`, `"sgd"`, …).
    public let name: String
    /// The base learning rate (a schedule, if set, replaces it).
    public var learningRate: Float
    /// A schedule giving the learning rate at each step.
    public var schedule: LearningRateSchedule?
    /// Rescales each gradient whose L2 norm exceeds this.
    public var clipNorm: Float?
    /// Rescales all gradients together when their joint L2 norm exceeds this.
    public var globalClipNorm: Float?
    /// Limits every gradient element to ±clipValue.
    public var clipValue: Float?
    /// How many updates have been applied.
    public internal(set) var iterations = 0
    /// Per-parameter state (moments, accumulators), by parameter identity.
    public internal(set) var slots: [ObjectIdentifier: [Tensor]] = [:]

    /// An optimiser called `name` with a base learning rate.
    public init(name: String, learningRate: Float) {
        self.name = name
        self.learningRate = learningRate
    }

    /// The learning rate for the current step.
    public var currentLearningRate: Float {
        schedule?.learningRate(atStep: iterations) ?? learningRate
    }

    /// Applies one update to `parameters` given their `gradients` (same order).
    public func update(_ parameters: [Parameter], gradients: [Tensor]) {
        precondition(parameters.count == gradients.count,
                     "Optimizer.update: \(parameters.count) parameters but \(gradients.count) gradients")
        var gradients = gradients
        for (parameter, gradient) in zip(parameters, gradients) {
            precondition(parameter.shape == gradient.shape,
                         "Optimizer.update: parameter \(parameter.shape) got a gradient of shape \(gradient.shape)")
        }
        GradientClipping.apply(to: &gradients, clipValue: clipValue, clipNorm: clipNorm, globalClipNorm: globalClipNorm)
        let rate = currentLearningRate
        iterations += 1
        // Decaying optimiser state must not slow to a crawl in the subnormal range.
        let savedFloatMode = syn_enter_flush_to_zero()
        defer { syn_leave_flush_to_zero(savedFloatMode) }
        for (parameter, gradient) in zip(parameters, gradients) where parameter.isTrainable {
            apply(to: parameter, gradient: gradient, learningRate: rate)
        }
    }

    /// Updates the trainable parameters of `model` with `gradients` from
    /// `valueWithGradients(of:training:_:)`.
    public func update(_ model: Layer, with gradients: Gradients) {
        update(gradients.parameters, gradients: gradients.tensors)
    }

    /// The state tensors of `parameter`, made by `make` on first use.
    public func slots(for parameter: Parameter, make: () -> [Tensor]) -> [Tensor] {
        let key = ObjectIdentifier(parameter)
        if let existing = slots[key] { return existing }
        let made = make()
        slots[key] = made
        return made
    }

    /// Replaces the state of `parameter` (after an in-place update, pass the same tensors).
    public func setSlots(_ state: [Tensor], for parameter: Parameter) {
        slots[ObjectIdentifier(parameter)] = state
    }

    /// Updates one parameter; `learningRate` is the rate for this step and
    /// `iterations` already counts this step.
    open func apply(to parameter: Parameter, gradient: Tensor, learningRate: Float) {
        preconditionFailure("\(type(of: self)) must override apply(to:gradient:learningRate:)")
    }

    /// The constructor arguments, for saving compile settings.
    open var configuration: [String: ConfigurationValue] { ["learning_rate": .double(Double(learningRate))] }

    /// How many state tensors this optimiser keeps for each parameter, each
    /// of the parameter's shape; nil when unknown (an optimiser that does not
    /// say). Restoring a checkpoint checks saved state against it.
    open var slotCount: Int? { nil }
}

/// A learning rate that changes with the step number.
public protocol LearningRateSchedule {
    /// The learning rate at `step` (0 for the first update).
    func learningRate(atStep step: Int) -> Float
}

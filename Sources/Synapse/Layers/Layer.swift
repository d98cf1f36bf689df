/// The base class of every layer and model.
///
/// A layer makes its parameters on its first call, once it knows the input
/// shape (as Keras does), so `Dense(128)` needs no input size. Subclasses
/// override `build(inputShape:)` to make parameters, `call(_:)` to compute,
/// and `outputShape(forInputShape:)` when the shape can be known without
/// computing (and to reject inputs they cannot take).
///
/// Shapes given to `build` and `outputShape` exclude the batch axis.
///
/// ## Threads
/// A built layer or model in inference mode may be shared: any number of
/// threads or tasks may call it, `predict` or `evaluate` at once (they only
/// read its parameters). Everything that changes it (building, `fit`, an
/// optimiser's update, `train()`, loading weights, setting properties) must
/// run on one thread at a time, with no inference running meanwhile.
/// `ConcurrencyTests` check this under Thread Sanitizer.
///
/// Layers are classes that are not `Sendable`: the compiler cannot check the
/// rule above, and a conformance here would make every subclass, yours too,
/// restate it. To share a trained model for inference, hold it where the
/// compiler accepts that (an actor, or a `nonisolated(unsafe) let` whose
/// comment cites this rule).
open class Layer {
    /// The layer's name in summaries and saved files; by default the property
    /// name it is stored under in its parent, or its type.
    public var name: String {
        didSet { hasCustomName = true }
    }
    /// Whether `name` was set by the user rather than defaulted.
    var hasCustomName = false
    /// The per-example input shape the layer was built for.
    public internal(set) var inputShape: [Int]?
    /// The per-example output shape seen on the first call.
    public internal(set) var outputShape: [Int]?
    /// True in training mode (dropout active, batch statistics); set for the
    /// whole tree with `train()` and `eval()`, and by `fit`/`evaluate`.
    public internal(set) var isTraining = false
    private var cachedParameters: [(name: String, parameter: Parameter)]?

    /// A layer named after its type.
    public init() {
        name = String(describing: type(of: self)).lowercasedFirst
        hasCustomName = false
    }

    /// Whether this layer runs other layers (models, `Sequential`): while a
    /// model is built, containers run their `call` so their children see shapes.
    open var isContainer: Bool { false }

    /// Whether the layer has made its parameters.
    public var isBuilt: Bool { inputShape != nil }

    /// Makes the layer's parameters for inputs of `inputShape` (batch excluded).
    /// Throw `LayerError.incompatibleInput` for shapes the layer cannot take.
    open func build(inputShape: [Int]) throws {}

    /// The per-example output shape for `inputShape`. The default runs the
    /// layer on a zero batch of one; override to validate or to save the work.
    open func outputShape(forInputShape inputShape: [Int]) throws -> [Int] {
        let probe = withoutGradients { call(Tensor.zeros([1] + inputShape)) }
        return Array(probe.shape.dropFirst())
    }

    /// The computation. Subclasses must override it.
    open func call(_ input: Tensor) -> Tensor {
        preconditionFailure("\(type(of: self)) must override call(_:)")
    }

    /// Builds the layer if needed, then runs `call`.
    ///
    /// Inside `Model.build(inputShape:)` this only propagates shapes, so that
    /// a shape error becomes a thrown `LayerError` instead of a trap.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        run(input, computing: nil)
    }

    /// What every layer call goes through: shape inference while a model is
    /// built, the build on the first call, per-example capture and output
    /// taps. `compute` replaces `call` when given (a masked call, see
    /// `MaskConsumingLayer`).
    func run(_ input: Tensor, computing compute: ((Tensor) -> Tensor)?) -> Tensor {
        if let context = ShapeInference.current {
            return context.propagate(input, through: self)
        }
        if !isBuilt {
            do { try buildOnce(inputShape: Array(input.shape.dropFirst())) } catch {
                preconditionFailure("\(error)")
            }
        }
        var output: Tensor
        if let compute {
            PerExampleCapture.current?.recordMaskedCall(of: self)
            output = compute(input)
        } else {
            // Private training records each layer's activations for per-example gradients.
            output = PerExampleCapture.current.map { $0.run(self, input) } ?? call(input)
        }
        if outputShape == nil { outputShape = Array(output.shape.dropFirst()) }
        if let tap = LayerOutputTap.current { output = tap.transform(self, output) }
        return output
    }

    /// Builds with `inputShape` unless already built.
    func buildOnce(inputShape: [Int]) throws {
        guard !isBuilt else { return }
        try build(inputShape: inputShape)
        self.inputShape = inputShape
        cachedParameters = nil
    }

    /// Every parameter of this layer and the layers it holds, with dotted
    /// names such as `dense1.kernel`, in declaration order.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        if let cachedParameters { return cachedParameters }
        var found = LayerReflection.children(of: self).parameters.map { (name: $0.0, parameter: $0.1) }
        var allBuilt = isBuilt
        for (prefix, layer) in sublayers {
            found += layer.namedParameters.map { (name: "\(prefix).\($0.name)", parameter: $0.parameter) }
            allBuilt = allBuilt && layer.isBuilt
        }
        if allBuilt { cachedParameters = found }
        return found
    }

    /// Every parameter, in the order of `namedParameters`.
    public var parameters: [Parameter] { namedParameters.map(\.parameter) }

    /// The trainable parameters only.
    public var trainableParameters: [Parameter] { parameters.filter(\.isTrainable) }

    /// The number of scalars in all parameters.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// The layers held directly by this one, with their property names.
    open var sublayers: [(name: String, layer: Layer)] {
        LayerReflection.children(of: self).layers.map { (name: $0.0, layer: $0.1) }
    }

    /// Puts this layer and all it holds in training mode.
    public func train() { setTraining(true) }

    /// Puts this layer and all it holds in inference mode.
    public func eval() { setTraining(false) }

    func setTraining(_ training: Bool) {
        // Written only on a change, so inference calls from many threads
        // (each of which asks for inference mode) only read.
        if isTraining != training { isTraining = training }
        for (_, layer) in sublayers { layer.setTraining(training) }
    }

    /// The layer's constructor arguments, for saving and summaries; layers
    /// with arguments override it.
    open var configuration: [String: ConfigurationValue] { [:] }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

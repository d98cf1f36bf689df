/// A model defined by a graph of layer calls: Keras's functional API.
///
/// ```swift
/// let inputs = Input(shape: [32])
/// let hidden = Dense(32, activation: .relu)(inputs)
/// let residual = Add()([inputs, Dense(32)(hidden)])   // a tensor used twice
/// let outputs = Dense(10, activation: .softmax)(residual)
/// let model = Functional(inputs: inputs, outputs: outputs)
/// model.compile(optimizer: .adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
/// ```
/// Keras spells the last line `keras.Model(inputs, outputs)`, and what it
/// returns is an instance of its class `Functional`. In Swift an initializer
/// cannot return a subclass, and a `Model` initializer taking a graph would
/// be inherited by every subclassed model, where it means nothing; so the
/// graph model is its own class, under the name Keras gives it. It is a
/// `Model`: `compile`, `fit`, `evaluate`, `predict`, `summary` and `save`
/// work as for any other.
///
/// The graph may branch and join (residual connections), call one layer
/// several times (the calls share its weights) and have several inputs and
/// outputs; run those with `callAsFunction(_: [Tensor])`, and train them
/// with `fit([xa, xb], [ya, yb])` after compiling a loss per output
/// (`compile(optimizer:loss:lossWeights:metrics:)` with a list or a
/// dictionary, as in Keras). The layers are built when they are called on symbolic tensors,
/// so the model is built as soon as it is made. A saved functional model records its graph in `config.json` and
/// loads with `Model.load(from:)`, with no class to register.
public final class Functional: Model {
    let graph: FunctionalGraph

    /// The model from `inputs` to `outputs`. Traps when an output depends on
    /// an input not listed, an input is listed twice, or two layers share a
    /// custom name.
    public convenience init(inputs: [Input], outputs: [SymbolicTensor], name: String? = nil) {
        do {
            try self.init(graph: FunctionalGraph(inputs: inputs, outputs: outputs))
        } catch {
            preconditionFailure("Functional: \(error)")
        }
        if let name { self.name = name }
    }

    /// The model from one input to one output.
    public convenience init(inputs: Input, outputs: SymbolicTensor, name: String? = nil) {
        self.init(inputs: [inputs], outputs: [outputs], name: name)
    }

    /// A model over a graph already checked.
    init(graph: FunctionalGraph) {
        self.graph = graph
        super.init()
        useDefaultName("functional")
        inputShape = graph.inputs[0].shape
        outputShape = graph.outputs[0].shape
    }

    /// The model's inputs, in the order `callAsFunction(_: [Tensor])` takes them.
    public var inputs: [Input] { graph.inputs }
    /// The model's outputs, in the order `callAsFunction(_: [Tensor])` returns them.
    public var outputs: [SymbolicTensor] { graph.outputs }
    /// The distinct layers, in the order of their first call.
    public var layers: [Layer] { graph.layers }

    /// The layers, named by their layer names.
    public override var sublayers: [(name: String, layer: Layer)] { graph.layers.map { ($0.name, $0) } }

    /// Runs the graph on one value per input, in `inputs`' order, and
    /// returns one value per output. Traps, naming the input, when a value's
    /// per-example shape is not its input's.
    public func callAsFunction(_ values: [Tensor]) -> [Tensor] {
        precondition(values.count == graph.inputs.count,
                     "Functional '\(name)': expected \(graph.inputs.count) input tensors, got \(values.count)")
        for (input, value) in zip(graph.inputs, values) {
            precondition(value.rank >= 1 && Array(value.shape.dropFirst()) == input.shape,
                         "Functional '\(name)': input '\(input.name)' takes [batch] + \(input.shape), got \(value.shape)")
        }
        return graph.run(values)
    }

    /// The graph's one output for its one input; traps for a model with
    /// several inputs or outputs (call it with a list instead).
    public override func call(_ input: Tensor) -> Tensor {
        precondition(graph.inputs.count == 1 && graph.outputs.count == 1,
                     "Functional '\(name)': has \(graph.inputs.count) inputs and \(graph.outputs.count) outputs; call it with a list of tensors, model([a, b])")
        return self([input])[0]
    }

    /// A functional model is built when it is made; this only checks the shape.
    public override func build(inputShape: [Int]) throws {
        guard inputShape == graph.inputs[0].shape else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShape,
                                               reason: "the model's input '\(graph.inputs[0].name)' takes \(graph.inputs[0].shape)")
        }
    }

    /// Throws for a model with several inputs or outputs, which the
    /// one-tensor `fit`, `evaluate` and `predict` cannot feed.
    override func checkTakesOneTensor() throws {
        guard graph.inputs.count == 1, graph.outputs.count == 1 else {
            throw LayerError.mismatchedData(
                "Functional '\(name)' has \(graph.inputs.count) inputs and \(graph.outputs.count) outputs; give fit, evaluate and predict one array per input and per output, in lists: fit([xa, xb], [ya, yb])")
        }
    }

    override var outputNames: [String] { graph.outputNames }

    override func buildForInputArrays(shapes: [[Int]]) throws { try graph.checkInputArrays(shapes: shapes, model: name) }

    override func perExampleOutputShapes(inputShapes shapes: [[Int]]) throws -> [[Int]] {
        try graph.checkInputArrays(shapes: shapes, model: name)
        return graph.outputs.map(\.shape)
    }

    override func outputs(for inputs: [Tensor]) -> [Tensor] { self(inputs) }

    override func nameSublayersAfterProperties() {
        for layer in graph.layers { (layer as? Model)?.nameSublayersAfterProperties() }
    }
}

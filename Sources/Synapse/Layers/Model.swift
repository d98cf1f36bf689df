/// A network: a layer made of layers, with Keras's training API
/// (`compile`, `fit`, `evaluate`, `predict`) and `summary()`.
///
/// Subclass it, hold layers as stored properties and override `call(_:)`:
/// ```swift
/// final class SimpleNeuralNetwork: Model {
///     let flatten = Flatten()
///     let dense1 = Dense(128, activation: .relu)
///     let dense2 = Dense(10, activation: .softmax)
///
///     override func call(_ x: Tensor) -> Tensor {
///         dense2(dense1(flatten(x)))
///     }
/// }
/// ```
/// Parameters are found by reflection; nothing needs registering.
///
/// A trained model may serve inference from many threads at once; training,
/// building and loading need it to themselves (see `Layer`, "Threads").
open class Model: Layer {
    /// The optimiser, loss and metrics set by `compile`.
    public internal(set) var compiled: CompiledSettings?
    /// Whether `fit` should stop after the current epoch (set by callbacks
    /// such as `EarlyStopping`).
    public var stopTraining = false
    /// What the model was trained on and how (dataset, class names, input
    /// preprocessing, training options); saved and loaded with the model.
    public var metadata = ModelMetadata()

    /// An empty model; subclasses add layers as stored properties.
    public override init() { super.init() }

    /// Models run their layers while they are built.
    open override var isContainer: Bool { true }

    /// Builds every layer for inputs of `inputShape` (batch axis excluded) by
    /// passing shapes through `call`. Throws `LayerError.incompatibleInput`,
    /// naming the layer, when an input does not fit.
    open override func build(inputShape: [Int]) throws {
        nameSublayersAfterProperties()
        try ShapeInference.run { _ = self.call(Tensor.zeros([1] + inputShape)) }
        self.inputShape = inputShape
    }

    /// Builds the model unless it is already built for `inputShape`.
    public func buildIfNeeded(inputShape: [Int]) throws {
        if let built = self.inputShape {
            guard built == inputShape else {
                throw LayerError.incompatibleInput(
                    layer: name, inputShape: inputShape, reason: "the model was built for inputs of shape \(built)")
            }
            return
        }
        try buildOnce(inputShape: inputShape)
    }

    /// Builds the model unless it is built, for `fit`, `evaluate` and
    /// `predict`, which feed it one tensor and read one; throws
    /// `LayerError.mismatchedData` for a model that takes or makes several.
    func buildForOneTensor(inputShape: [Int]) throws {
        try checkTakesOneTensor()
        try buildIfNeeded(inputShape: inputShape)
    }

    /// Throws unless the model takes one tensor and makes one (all models
    /// but some `Functional` ones).
    func checkTakesOneTensor() throws {}

    // MARK: Several inputs and outputs (overridden by `Functional`)

    /// The names of the model's outputs, in order, as training logs show
    /// them (`<name>_loss`); one output for all models but some `Functional` ones.
    var outputNames: [String] { [name] }

    /// Builds the model unless it is built, for data whose input arrays hold
    /// examples of `shapes`; throws `LayerError` when the number of arrays
    /// or a shape does not fit the model's inputs.
    func buildForInputArrays(shapes: [[Int]]) throws {
        guard shapes.count == 1 else {
            throw LayerError.mismatchedData(
                "model '\(name)' takes 1 input but the data has \(shapes.count) input arrays; give one array")
        }
        try buildIfNeeded(inputShape: shapes[0])
    }

    /// The shape of one example of each output for input arrays of `shapes`.
    func perExampleOutputShapes(inputShapes shapes: [[Int]]) throws -> [[Int]] {
        [try perExampleOutputShape(shapes[0])]
    }

    /// The model's outputs for one batch of each input array.
    func outputs(for inputs: [Tensor]) -> [Tensor] { [self(inputs[0])] }

    /// Gives unnamed sublayers (at any depth) their property names.
    func nameSublayersAfterProperties() {
        for (label, layer) in sublayers {
            if !layer.hasCustomName {
                layer.name = label
                layer.hasCustomName = false
            }
            (layer as? Model)?.nameSublayersAfterProperties()
        }
    }
}

/// A model that applies its layers in order.
///
/// ```swift
/// let model = Sequential([Flatten(), Dense(128, activation: .relu), Dense(10, activation: .softmax)])
/// ```
public final class Sequential: Model {
    /// The layers, in order.
    public private(set) var layers: [Layer] = []

    /// A model applying `layers` in order.
    public init(_ layers: [Layer] = []) {
        super.init()
        for layer in layers { add(layer) }
    }

    /// Appends a layer, naming it Keras-style (`dense`, `dense_1`, …) unless
    /// it was named already.
    public func add(_ layer: Layer) {
        precondition(!isBuilt, "Sequential.add: the model is already built; add layers before the first call")
        if !layer.hasCustomName {
            var taken = Set(layers.map(\.name))
            layer.name = taken.claimUnique(layer.name.snakeCased)
            layer.hasCustomName = false
        }
        layers.append(layer)
    }

    /// The layers, named by their layer names.
    public override var sublayers: [(name: String, layer: Layer)] { layers.map { ($0.name, $0) } }

    /// Each layer applied in turn. A `Conv2D` followed by a `MaxPool2D`
    /// runs through `Conv2D.callAsFunction(_:pooledBy:)`, fused into one
    /// pass where it can be (same result, less memory traffic).
    ///
    /// A mask made by a layer (`Embedding(maskZero: true)`) goes from each
    /// layer to the next, as described in `MaskingLayer`.
    public override func call(_ input: Tensor) -> Tensor {
        var output = input
        var mask: Tensor?
        var index = 0
        while index < layers.count {
            if index + 1 < layers.count, let conv = layers[index] as? Conv2D,
               let pool = layers[index + 1] as? MaxPool2D {
                output = conv(output, pooledBy: pool)
                mask = nil
                index += 2
                continue
            }
            (output, mask) = layers[index].callPropagatingMask(output, mask: mask)
            index += 1
        }
        return output
    }

    override func nameSublayersAfterProperties() {
        for layer in layers { (layer as? Model)?.nameSublayersAfterProperties() }
    }
}

extension Set where Element == String {
    /// `base`, or Keras's numbering of it (`base_1`, `base_2`, …), whichever
    /// is not taken first; marks it taken.
    mutating func claimUnique(_ base: String) -> String {
        var candidate = base, suffix = 0
        while contains(candidate) {
            suffix += 1
            candidate = "\(base)_\(suffix)"
        }
        insert(candidate)
        return candidate
    }
}

extension String {
    /// `SimpleNeuralNetwork` → `simple_neural_network`.
    var snakeCased: String {
        var result = ""
        for (index, character) in enumerated() {
            if character.isUppercase {
                if index > 0 { result += "_" }
                result += character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

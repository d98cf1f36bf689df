/// Several tensors joined along one axis (Keras's `Concatenate`); the other
/// axes must match.
///
/// As in Keras, `axis` counts the batch axis: the default, -1, is the last
/// axis, and 1 is the first axis of each example.
/// ```swift
/// let features = Concatenate()([image, metadata])   // [b, 64] and [b, 8] → [b, 72]
/// ```
public final class Concatenate: MergeLayer {
    /// The axis to join along (batch axis included; negative counts from the end).
    public let axis: Int

    /// A concatenation along `axis` (default: the last).
    public init(axis: Int = -1) {
        self.axis = axis
        super.init(kerasName: "concatenate")
    }

    /// The inputs' common shape with the joined axis summed; throws when
    /// the axis is out of range or another axis differs.
    public override func outputShape(forInputShapes inputShapes: [[Int]]) throws -> [Int] {
        try requireSeveral(inputShapes)
        let rank = inputShapes[0].count + 1
        guard inputShapes.allSatisfy({ $0.count + 1 == rank }) else {
            throw LayerError.incompatibleInput(layer: name, inputShape: inputShapes[0],
                                               reason: "Concatenate needs inputs of one rank, got \(inputShapes)")
        }
        let exampleAxis = try self.exampleAxis(rank: rank, shape: inputShapes[0])
        var result = inputShapes[0]
        result[exampleAxis] = 0
        for shape in inputShapes {
            var others = shape, expected = inputShapes[0]
            others[exampleAxis] = 0
            expected[exampleAxis] = 0
            guard others == expected else {
                throw LayerError.incompatibleInput(
                    layer: name, inputShape: shape,
                    reason: "Concatenate along axis \(axis) needs the other axes to match, got \(inputShapes)")
            }
            result[exampleAxis] += shape[exampleAxis]
        }
        return result
    }

    /// `axis` as an index into a per-example shape of a batch of `rank` axes.
    private func exampleAxis(rank: Int, shape: [Int]) throws -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        guard resolved >= 1, resolved < rank else {
            throw LayerError.incompatibleInput(
                layer: name, inputShape: shape,
                reason: "axis \(axis) is out of range for inputs of rank \(rank) (with the batch axis), or is the batch axis")
        }
        return resolved - 1
    }

    override func merge(_ inputs: [Tensor]) -> Tensor {
        concatenate(inputs, alongAxis: axis < 0 ? axis + inputs[0].rank : axis)
    }

    /// The constructor arguments, with Keras's names.
    public override var configuration: [String: ConfigurationValue] { ["axis": .int(axis)] }
}

extension Concatenate: ConfigurableLayer {
    /// `"Concatenate"`.
    public static var typeName: String { "Concatenate" }
    /// A Concatenate layer from its saved configuration (`axis`, default -1).
    public convenience init(configuration c: [String: ConfigurationValue]) throws {
        guard let axis = c["axis"].map({ $0.intValue }) ?? -1 else {
            throw ConfigurationError.invalidArgument(layerType: Self.typeName, argument: "axis", reason: "is not an integer")
        }
        _ = try LayerConfigurationLimit.checked(axis, minimum: -LayerConfigurationLimit.maximumSize,
                                                argument: "axis", of: Self.typeName)
        self.init(axis: axis)
    }
}

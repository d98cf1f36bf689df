/// A learned position embedding (GPT-2's `wpe`): one vector per position
/// `0 ..< sequenceLength`, added to the input `[batch, time, features]`.
///
/// ```swift
/// let positions = PositionalEmbedding(sequenceLength: 64)
/// let h = positions(tokenEmbedding(ids))   // [batch, time, width], time ≤ 64
/// ```
public final class PositionalEmbedding: Layer {
    /// The longest sequence the layer has positions for.
    public let sequenceLength: Int
    /// How the table is initialised.
    public let initializer: Initializer
    /// The table, `[sequenceLength, features]`; nil until built.
    public private(set) var embeddings: Parameter?

    /// Positions `0 ..< sequenceLength`.
    public init(sequenceLength: Int, initializer: Initializer = .uniform) {
        precondition(sequenceLength > 0, "PositionalEmbedding: sequenceLength must be positive, got \(sequenceLength)")
        self.sequenceLength = sequenceLength
        self.initializer = initializer
        super.init()
        useDefaultName("position_embedding")
    }

    /// Makes the table for inputs `[time, features]`.
    public override func build(inputShape: [Int]) throws {
        guard inputShape.count == 2, inputShape[0] <= sequenceLength, inputShape[1] > 0 else {
            throw LayerError.incompatibleInput(
                layer: name, inputShape: inputShape,
                reason: "PositionalEmbedding needs inputs [time, features] with time ≤ \(sequenceLength)")
        }
        embeddings = Parameter(initializer([sequenceLength, inputShape[1]]))
    }

    /// The input shape.
    public override func outputShape(forInputShape inputShape: [Int]) throws -> [Int] { inputShape }

    /// The input plus the vectors of positions `0 ..< time`.
    public override func call(_ input: Tensor) -> Tensor { callAsFunction(input, startingAt: 0) }

    /// The input plus the vectors of positions `offset ..< offset + time`
    /// (a decoder with a key/value cache feeds its new tokens this way).
    public func callAsFunction(_ input: Tensor, startingAt offset: Int) -> Tensor {
        guard let embeddings else { preconditionFailure("PositionalEmbedding '\(name)': called before it was built") }
        let length = input.rank == 3 ? input.shape[1] : 0
        precondition(input.rank == 3 && offset >= 0 && offset + length <= sequenceLength,
                     "PositionalEmbedding '\(name)': positions \(offset) ..< \(offset + length) of input \(input.shape) exceed sequenceLength \(sequenceLength)")
        return input + embeddings.value[offset..<(offset + length)]
    }

    /// The constructor arguments.
    public override var configuration: [String: ConfigurationValue] { ["sequence_length": .int(sequenceLength)] }
}

/// Deletion and insertion (Petsiuk et al., 2018): how fast the class's
/// probability falls when pixels are removed in the order an attribution map
/// ranks them (lower area under the curve is better), and how fast it rises
/// when they are added to a blank image in that order (higher is better),
/// each beside the same curve for a random order.
public struct FaithfulnessCurves: Sendable, Equatable {
    /// The probability after deleting 0, 1/steps, …, all of the pixels.
    public let deletion: [Float]
    /// The probability after inserting 0, 1/steps, …, all of the pixels.
    public let insertion: [Float]
    /// Deletion in a random order.
    public let randomDeletion: [Float]
    /// Insertion in a random order.
    public let randomInsertion: [Float]

    /// The area under the deletion curve (x from 0 to 1).
    public var deletionAUC: Float { areaUnderCurve(deletion) }
    /// The area under the insertion curve.
    public var insertionAUC: Float { areaUnderCurve(insertion) }
    /// The area under the random-order deletion curve.
    public var randomDeletionAUC: Float { areaUnderCurve(randomDeletion) }
    /// The area under the random-order insertion curve.
    public var randomInsertionAUC: Float { areaUnderCurve(randomInsertion) }

    /// The curves of each input: pixels (summed over channels for the
    /// ranking) are replaced by `fill` (deletion) or taken from the input into
    /// an image of `fill` (insertion), in `steps` equal parts. The
    /// probability is the softmax of the class's logits.
    public static func measure(attributions: Tensor, inputs: Tensor, classes: [Int], score: ClassScore,
                               steps: Int = 28, fill: Float = 0, seed: UInt64 = 0) throws -> [FaithfulnessCurves] {
        guard attributions.shape == inputs.shape else {
            throw ExplainError.invalidArgument(name: "attributions", value: "shape \(attributions.shape)",
                                               expected: "the inputs' shape \(inputs.shape)")
        }
        guard steps > 0 else { throw ExplainError.invalidArgument(name: "steps", value: "\(steps)", expected: "at least 1") }
        let image = try imageSize(of: inputs, method: "deletion and insertion")
        let count = inputs.shape[0], pixels = image.height * image.width, size = pixels * image.channels
        let x = inputs.scalars, maps = attributions.scalars
        var generator = SeededGenerator(seed: seed)
        var images: [Float] = []
        images.reserveCapacity(count * 4 * (steps + 1) * size)
        for example in 0..<count {
            let relevance = (0..<pixels).map { pixel in
                (0..<image.channels).reduce(Float(0)) { $0 + maps[example * size + pixel * image.channels + $1] }
            }
            let ranked = (0..<pixels).sorted { relevance[$0] > relevance[$1] }
            let shuffled = (0..<pixels).shuffled(using: &generator)
            for (order, deleting) in [(ranked, true), (ranked, false), (shuffled, true), (shuffled, false)] {
                for step in 0...steps {
                    let changed = Set(order.prefix(pixels * step / steps))
                    for pixel in 0..<pixels {
                        let keepsInput = changed.contains(pixel) != deleting
                        for channel in 0..<image.channels {
                            let index = example * size + pixel * image.channels + channel
                            images.append(keepsInput ? x[index] : fill)
                        }
                    }
                }
            }
        }
        var shape = inputs.shape
        shape[0] = count * 4 * (steps + 1)
        let probabilities = withoutGradients { score.scores(Tensor(shape: shape, scalars: images)).softmax() }
        let classCount = probabilities.shape[1], values = probabilities.scalars
        return (0..<count).map { example in
            let curve = { (kind: Int) in
                (0...steps).map { step in
                    values[((example * 4 + kind) * (steps + 1) + step) * classCount + classes[example]]
                }
            }
            return FaithfulnessCurves(deletion: curve(0), insertion: curve(1), randomDeletion: curve(2),
                                      randomInsertion: curve(3))
        }
    }
}

/// The trapezoid-rule area under `curve`, its points spread evenly over [0, 1].
func areaUnderCurve(_ curve: [Float]) -> Float {
    guard curve.count > 1 else { return curve.first ?? 0 }
    let inner = curve.dropFirst().dropLast().reduce(0, +)
    return (inner + (curve[0] + curve[curve.count - 1]) / 2) / Float(curve.count - 1)
}

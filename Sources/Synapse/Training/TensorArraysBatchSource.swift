/// In-memory tensors for a model with several inputs or outputs: one array
/// per input and one per output, in the order of the model's inputs and
/// outputs, all with the same number of examples on the first axis (as
/// Keras's `fit(x=[xa, xb], y=[ya, yb])`).
///
/// A batch takes the same rows of every array, so shuffling keeps each
/// example's inputs and targets together.
public struct TensorArraysBatchSource: BatchSource {
    /// The input arrays, `[count, …]` each.
    public let inputArrays: [Tensor]
    /// The target arrays, `[count, …]` each.
    public let targetArrays: [Tensor]

    /// Pairs `inputs` with `targets`; throws `LayerError.mismatchedData`,
    /// naming the array, when a list is empty, an array has no example axis,
    /// or two arrays hold different numbers of examples.
    public init(inputs: [Tensor], targets: [Tensor]) throws {
        guard let first = inputs.first, !targets.isEmpty else {
            throw LayerError.mismatchedData(
                "the data has \(inputs.count) input arrays and \(targets.count) target arrays; give at least one of each")
        }
        let arrays = inputs.enumerated().map { ("input \($0.offset + 1) of \(inputs.count)", $0.element) }
            + targets.enumerated().map { ("target \($0.offset + 1) of \(targets.count)", $0.element) }
        for (label, array) in arrays {
            guard array.rank >= 1 else {
                throw LayerError.mismatchedData("\(label) is a scalar; every array needs the examples on its first axis")
            }
            guard array.shape[0] == first.shape[0] else {
                throw LayerError.mismatchedData(
                    "\(label) has \(array.shape[0]) examples (shape \(array.shape)) but input 1 has \(first.shape[0]) (shape \(first.shape)); every input and target array needs one row per example")
            }
        }
        inputArrays = inputs
        targetArrays = targets
    }

    /// The number of examples.
    public var count: Int { inputArrays[0].shape[0] }
    /// The shape of one example of the first input.
    public var inputShape: [Int] { inputShapes[0] }
    /// The shape of one example of each input.
    public var inputShapes: [[Int]] { inputArrays.map { Array($0.shape.dropFirst()) } }

    /// The first input's and the first target's rows at `indices` (all a
    /// one-input, one-output model reads; see `arrays(at:)` for the rest).
    public func batch(at indices: [Int]) -> (inputs: Tensor, targets: Tensor) {
        (inputArrays[0].examples(at: indices), targetArrays[0].examples(at: indices))
    }

    /// Every array's rows at `indices`.
    public func arrays(at indices: [Int]) -> (inputs: [Tensor], targets: [Tensor]) {
        (inputArrays.map { $0.examples(at: indices) }, targetArrays.map { $0.examples(at: indices) })
    }
}

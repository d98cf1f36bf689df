/// Examples that `fit`, `evaluate` and `predict` can draw batches from.
///
/// Sources keep data in whatever form is cheapest (bytes for image datasets)
/// and make float tensors one batch at a time.
public protocol BatchSource {
    /// The number of examples.
    var count: Int { get }
    /// The shape of one input example.
    var inputShape: [Int] { get }
    /// The inputs and targets of the examples at `indices`, in that order.
    func batch(at indices: [Int]) -> (inputs: Tensor, targets: Tensor)
    /// The shape of one example of each input array, in the order of the
    /// model's inputs; `[inputShape]` unless the source holds several.
    var inputShapes: [[Int]] { get }
    /// Every input array's and every target array's rows at `indices`, in
    /// the order of the model's inputs and outputs; one of each (the
    /// tensors of `batch(at:)`) unless the source holds several.
    func arrays(at indices: [Int]) -> (inputs: [Tensor], targets: [Tensor])
}

extension BatchSource {
    /// One input: `[inputShape]`.
    public var inputShapes: [[Int]] { [inputShape] }

    /// The one input and the one target of `batch(at:)`, each in a list.
    public func arrays(at indices: [Int]) -> (inputs: [Tensor], targets: [Tensor]) {
        let (inputs, targets) = batch(at: indices)
        return ([inputs], [targets])
    }
}

/// In-memory tensors as a batch source: the first axis indexes examples.
public struct TensorBatchSource: BatchSource {
    /// All inputs, `[count, …]`.
    public let inputs: Tensor
    /// All targets, `[count, …]`.
    public let targets: Tensor

    /// Pairs `inputs` with `targets`; throws if their example counts differ.
    public init(inputs: Tensor, targets: Tensor) throws {
        guard inputs.rank >= 1, targets.rank >= 1, inputs.shape[0] == targets.shape[0] else {
            throw LayerError.mismatchedData(
                "inputs of shape \(inputs.shape) and targets of shape \(targets.shape) must have the same number of examples on the first axis")
        }
        self.inputs = inputs
        self.targets = targets
    }

    /// The number of examples.
    public var count: Int { inputs.shape[0] }
    /// The shape of one input.
    public var inputShape: [Int] { Array(inputs.shape.dropFirst()) }

    /// The rows at `indices`.
    public func batch(at indices: [Int]) -> (inputs: Tensor, targets: Tensor) {
        (inputs.examples(at: indices), targets.examples(at: indices))
    }
}

/// A contiguous range of another source's examples (a validation split).
public struct SubsetBatchSource: BatchSource {
    /// The source drawn from.
    public let base: any BatchSource
    /// The examples of `base` that this subset holds.
    public let range: Range<Int>

    /// The examples `range` of `base`.
    public init(_ base: any BatchSource, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= base.count, "SubsetBatchSource: \(range) is outside 0..<\(base.count)")
        self.base = base
        self.range = range
    }

    /// The number of examples.
    public var count: Int { range.count }
    /// The shape of one input.
    public var inputShape: [Int] { base.inputShape }
    /// The shape of one example of each of the base's inputs.
    public var inputShapes: [[Int]] { base.inputShapes }
    /// The examples at `indices` (relative to the subset).
    public func batch(at indices: [Int]) -> (inputs: Tensor, targets: Tensor) {
        base.batch(at: indices.map { $0 + range.lowerBound })
    }
    /// Every array's examples at `indices` (relative to the subset).
    public func arrays(at indices: [Int]) -> (inputs: [Tensor], targets: [Tensor]) {
        base.arrays(at: indices.map { $0 + range.lowerBound })
    }
}

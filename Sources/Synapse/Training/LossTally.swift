/// Losses summed over the batches of an epoch (or an evaluation), each batch
/// weighted by its number of examples.
struct LossTally {
    private(set) var total = 0.0
    private(set) var each: [Double]
    private(set) var examples = 0

    init(outputs: Int) { each = Array(repeating: 0, count: outputs) }

    /// Adds a batch of `examples` examples with mean losses `total` and `each`.
    mutating func add(total batchTotal: Float, each batchEach: [Float?], examples batchExamples: Int) {
        total += Double(batchTotal) * Double(batchExamples)
        for (index, loss) in batchEach.enumerated() { each[index] += Double(loss ?? 0) * Double(batchExamples) }
        examples += batchExamples
    }
}

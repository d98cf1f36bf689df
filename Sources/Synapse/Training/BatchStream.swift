/// The batches of one epoch, in a fixed example order.
struct BatchStream {
    let source: any BatchSource
    let order: [Int]
    let batchSize: Int

    init(_ source: any BatchSource, order: [Int], batchSize: Int) {
        self.source = source
        self.order = order
        self.batchSize = batchSize
    }

    /// The number of batches (the last one may be smaller).
    var steps: Int { (order.count + batchSize - 1) / batchSize }

    /// The examples of batch `step`.
    func batch(_ step: Int) -> (inputs: Tensor, targets: Tensor) {
         source.batch(at: indices(of: step))
    }

    /// Every input and target array's examples of batch `step`.
    func arrays(_ step: Int) -> (inputs: [Tensor], targets: [Tensor]) {
        source.arrays(at: indices(of: step))
    }

    private func indices(of step: Int) -> [Int] {
        let start = step * batchSize
        return Array(order[start ..< Swift.min(start + batchSize, order.count)])
    }
}

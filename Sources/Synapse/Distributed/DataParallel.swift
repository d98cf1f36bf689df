/// Data-parallel training over a `Communicator`, as PyTorch's
/// DistributedDataParallel does it: every rank holds the whole model, starts
/// from rank 0's weights, computes gradients on its own share of each global
/// batch, and applies the average of all ranks' gradients, so every rank
/// takes the same step and the weights stay identical.
///
/// With `fit`, pass it to `Model.distribute(_:)`. In a hand-written loop:
///
/// ```swift
/// let parallel = DataParallel(try Distributed.communicator())
/// try parallel.broadcastParameters(of: model)
/// for (x, y) in parallel.localBatches(of: train, globalBatchSize: 32, seed: UInt64(epoch)) {
///     let (loss, gradients) = try parallel.valueWithGradients(of: model) { crossEntropy(predictions: $0(x), targets: y) }
///     optimizer.update(model, with: gradients)
/// }
/// ```
///
/// Gradients travel in buckets of `bucketCapacity` floats, each summed as
/// soon as the backward pass has filled it. BatchNormalization keeps local
/// batch statistics on each rank (there is no synchronised variant yet).
public final class DataParallel {
    /// The group.
    public let communicator: Communicator
    /// Floats per gradient bucket (1 MiB by default).
    public let bucketCapacity: Int
    /// Seconds spent blocked waiting for gradient reductions, since creation.
    public private(set) var reductionWaitSeconds = 0.0
    /// Seconds spent in `valueWithGradients`, since creation.
    public private(set) var stepSeconds = 0.0

    /// Data parallelism over `communicator`.
    public init(_ communicator: Communicator, bucketCapacity: Int = 1 << 18) {
        precondition(bucketCapacity > 0, "DataParallel: bucketCapacity must be positive, not \(bucketCapacity)")
        self.communicator = communicator
        self.bucketCapacity = bucketCapacity
    }

    /// Copies rank 0's parameters (trainable or not) to every rank, so all
    /// start from the same weights whatever their own initialisation drew.
    public func broadcastParameters(of model: Layer) throws {
        for parameter in model.parameters {
            var values = parameter.value.scalars
            try communicator.broadcast(&values, root: 0)
            parameter.update { destination in
                values.withUnsafeBufferPointer { destination.baseAddress!.update(from: $0.baseAddress!, count: $0.count) }
            }
        }
    }

    /// Runs `body` and the backward pass like `valueWithGradients(of:training:_:)`,
    /// and returns the loss of this rank's examples with the gradients
    /// averaged over all ranks (reduced bucket by bucket during the pass).
    public func valueWithGradients<M: Layer>(of model: M, training: Bool = true,
                                             _ body: (M) -> Tensor) throws -> (value: Tensor, gradients: Gradients) {
        let started = ProgressBar.monotonicSeconds()
        let buckets = GradientBuckets(communicator: communicator, capacity: bucketCapacity)
        var failure: Error?
        let (value, local) = valueWithGradientsReporting(of: model, training: training, onReady: { index, gradient in
            guard failure == nil else { return }
            do { try buckets.add(index, gradient) } catch { failure = error }
        }, body)
        if let failure { throw failure }
        let averaged = try buckets.finish(parameters: local.parameters)
        reductionWaitSeconds += buckets.waitSeconds
        stepSeconds += ProgressBar.monotonicSeconds() - started
        return (value, Gradients(parameters: local.parameters, tensors: averaged))
    }

    /// The example order this rank trains on in one epoch: the global order
    /// (the same on every rank), cut into global batches of
    /// `globalBatchSize`, each split evenly by rank. Examples past the last
    /// whole global batch are left out, so every rank takes the same steps.
    public func localOrder(globalOrder: [Int], globalBatchSize: Int) -> [Int] {
        precondition(globalBatchSize % communicator.size == 0,
                     "DataParallel: the global batch size \(globalBatchSize) must divide evenly among \(communicator.size) ranks")
        let local = globalBatchSize / communicator.size
        let steps = globalOrder.count / globalBatchSize
        return (0 ..< steps).flatMap { step -> ArraySlice<Int> in
            let start = step * globalBatchSize + communicator.rank * local
            return globalOrder[start ..< start + local]
        }
    }

    /// This rank's batches of `data` for one epoch, shuffled by `seed` (the
    /// same on every rank) when given.
    public func localBatches(of data: any BatchSource, globalBatchSize: Int, seed: UInt64? = nil) -> [(inputs: Tensor, targets: Tensor)] {
        var order = Array(0 ..< data.count)
        if let seed {
            var generator = SeededGenerator(seed: seed)
            order.shuffle(using: &generator)
        }
        let mine = localOrder(globalOrder: order, globalBatchSize: globalBatchSize)
        let local = globalBatchSize / communicator.size
        return stride(from: 0, to: mine.count, by: local).map { data.batch(at: Array(mine[$0 ..< $0 + local])) }
    }

    /// `sums` added up over all ranks (for metrics: a loss sum, a count).
    public func sum(_ sums: [Double]) throws -> [Double] {
        var values = sums.map(Float.init)
        try communicator.allreduce(&values, .sum)
        return values.map(Double.init)
    }
}

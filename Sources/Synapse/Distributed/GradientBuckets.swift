/// Packs gradients, in the order the backward pass finishes them, into
/// buckets of about `capacity` floats, and starts summing each bucket across
/// the group as soon as it is full, as PyTorch's DDP does: while the
/// backward pass computes the first layers' gradients, the last layers'
/// are already on the wire. Every rank runs the same graph, so every rank
/// fills the same buckets in the same order.
final class GradientBuckets {
    private let communicator: Communicator
    private let capacity: Int
    private var buckets: [UnsafeMutableBufferPointer<Float>] = []
    private var requests: [ReductionRequest] = []
    /// Where each parameter's gradient sits: bucket, offset, shape.
    private var places: [Int: (bucket: Int, offset: Int, shape: [Int])] = [:]
    private var pending: [(index: Int, gradient: Tensor)] = []
    private var pendingCount = 0
    /// Seconds spent blocked in `finish()` waiting for reductions.
    private(set) var waitSeconds = 0.0

    init(communicator: Communicator, capacity: Int) {
        self.communicator = communicator
        self.capacity = max(1, capacity)
    }

    deinit {
        for bucket in buckets { bucket.deallocate() }
    }

    /// Takes parameter `index`'s finished gradient; starts a reduction when a bucket fills.
    func add(_ index: Int, _ gradient: Tensor) throws {
        pending.append((index, gradient))
        pendingCount += gradient.count
        if pendingCount >= capacity { try launch() }
        // Polling lets MPI move the reductions already started forward.
        for request in requests { _ = try request.isDone() }
    }

    /// Copies the pending gradients into a new bucket and starts its sum.
    private func launch() throws {
        guard !pending.isEmpty else { return }
        let bucket = UnsafeMutableBufferPointer<Float>.allocate(capacity: pendingCount)
        var offset = 0
        for (index, gradient) in pending {
            gradient.withUnsafeBufferPointer { source in
                (bucket.baseAddress! + offset).initialize(from: source.baseAddress!, count: source.count)
            }
            places[index] = (buckets.count, offset, gradient.shape)
            offset += gradient.count
        }
        buckets.append(bucket)
        pending.removeAll(keepingCapacity: true)
        pendingCount = 0
        requests.append(try communicator.startAllreduceSum(bucket))
    }

    /// Reduces what is left (zeros for `parameters` the pass never reached,
    /// in index order), waits for every bucket, and returns the averaged
    /// gradients in parameter order.
    func finish(parameters: [Parameter]) throws -> [Tensor] {
        for (index, parameter) in parameters.enumerated() where places[index] == nil && !pending.contains(where: { $0.index == index }) {
            pending.append((index, Tensor.zeros(parameter.shape)))
            pendingCount += parameter.value.count
        }
        try launch()
        let started = ProgressBar.monotonicSeconds()
        for request in requests { try request.wait() }
        waitSeconds += ProgressBar.monotonicSeconds() - started
        let size = communicator.size
        return try (0 ..< parameters.count).map { index in
            guard let place = places[index] else { throw DistributedError.missingGradient(parameter: index) }
            let count = place.shape.reduce(1, *)
            let sum = Tensor(shape: place.shape, scalars: Array(UnsafeBufferPointer(start: buckets[place.bucket].baseAddress! + place.offset, count: count)))
            return size == 1 ? sum : sum * (1 / Float(size))
        }
    }
}

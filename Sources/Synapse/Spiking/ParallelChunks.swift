import CSynapseKernels

/// Splits `0..<count` into one contiguous range per kernel thread and runs
/// `body(chunk, range)` for each on the kernels' thread pool (serially when
/// the pool is busy). `body` must only write what its range owns.
func forEachChunk(of count: Int, _ body: (_ chunk: Int, _ range: Range<Int>) -> Void) -> Int {
    let chunks = Swift.max(1, Swift.min(Int(syn_num_threads()), count))
    withoutActuallyEscaping(body) { escapable in
        var task = ChunkTask(count: count, chunks: chunks, body: escapable)
        withUnsafeMutablePointer(to: &task) { pointer in
            syn_parallel_for(chunks, { context, index in
                let task = context!.assumingMemoryBound(to: ChunkTask.self).pointee
                let lower = task.count * Int(index) / task.chunks, upper = task.count * (Int(index) + 1) / task.chunks
                task.body(Int(index), lower..<upper)
            }, pointer)
        }
    }
    return chunks
}

/// What `forEachChunk` hands to each pool task.
private struct ChunkTask {
    let count: Int
    let chunks: Int
    let body: (Int, Range<Int>) -> Void
}

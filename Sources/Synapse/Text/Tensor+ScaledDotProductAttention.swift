import CSynapseKernels
import Foundation

/// Multi-head scaled dot-product attention as one fused operation:
/// softmax(Q·Kᵀ/√d) · V for every example and head, with an optional causal
/// mask and an optional padding mask on the keys, both applied while the
/// softmax runs (no `[queries, keys]` mask tensor is made).
extension Tensor {
    /// Attention of `query` over `key` and `value`, split into `heads` heads.
    ///
    /// Shapes: `query` `[batch, queries, heads·d]`, `key` `[batch, keys, heads·d]`,
    /// `value` `[batch, keys, heads·dᵥ]`; the result is `[batch, queries, heads·dᵥ]`.
    /// Head `h` uses the columns `h·d ..< (h+1)·d` of the query and key (and
    /// `h·dᵥ ..< (h+1)·dᵥ` of the value), as PyTorch's `nn.MultiheadAttention`
    /// and Keras's `MultiHeadAttention` split their projections.
    ///
    /// With `causal`, query `i` sees keys `0 ... i + (keys − queries)`: the
    /// queries are the last ones of the key sequence, which is what a decoder
    /// with a key/value cache needs (and the usual lower-triangular mask when
    /// `queries == keys`).
    ///
    /// `keyMask`, `[batch, keys]` with 0 for padding, hides keys from every
    /// query (Keras's padding mask on the value); a query that sees no key
    /// at all gives zeros.
    ///
    /// The products Q·Kᵀ and P·V run on the GEMM kernels, one (example, head)
    /// pair per task on the thread pool; the backward pass does the same.
    public static func scaledDotProductAttention(query: Tensor, key: Tensor, value: Tensor,
                                                 heads: Int, causal: Bool = false, keyMask: Tensor? = nil) -> Tensor {
        let geometry = AttentionGeometry(query: query.shape, key: key.shape, value: value.shape,
                                         heads: heads, causal: causal)
        precondition(keyMask == nil || keyMask!.shape == [geometry.batch, geometry.keys],
                     "scaledDotProductAttention: the key mask \(keyMask!.shape) must be [batch, keys] = [\(geometry.batch), \(geometry.keys)]")
        let output = Tensor(uninitializedShape: [geometry.batch, geometry.queries, geometry.heads * geometry.valueWidth])
        let probabilities = Tensor(uninitializedShape: [geometry.batch, geometry.heads, geometry.queries, geometry.keys])
        var task = AttentionForwardTask(
            geometry: geometry, query: query.storage.pointer, key: key.storage.pointer, value: value.storage.pointer,
            probabilities: probabilities.storage.pointer, output: output.storage.pointer,
            keyMask: keyMask.map { UnsafePointer($0.storage.pointer) })
        withUnsafeMutablePointer(to: &task) { context in
            syn_parallel_for(geometry.batch * geometry.heads, { raw, index in
                raw!.assumingMemoryBound(to: AttentionForwardTask.self).pointee.run(pair: index)
            }, context)
        }
        let needQuery = query.requiresGradient, needKey = key.requiresGradient, needValue = value.requiresGradient
        return recording(output, [query, key, value]) { outputGradient in
            let queryGradient = Tensor(uninitializedShape: query.shape)
            let keyGradient = Tensor(uninitializedShape: key.shape)
            let valueGradient = Tensor(uninitializedShape: value.shape)
            var backward = AttentionBackwardTask(
                geometry: geometry, query: query.storage.pointer, key: key.storage.pointer,
                value: value.storage.pointer, probabilities: probabilities.storage.pointer,
                outputGradient: outputGradient.storage.pointer, queryGradient: queryGradient.storage.pointer,
                keyGradient: keyGradient.storage.pointer, valueGradient: valueGradient.storage.pointer)
            withUnsafeMutablePointer(to: &backward) { context in
                syn_parallel_for(geometry.batch * geometry.heads, { raw, index in
                    raw!.assumingMemoryBound(to: AttentionBackwardTask.self).pointee.run(pair: index)
                }, context)
            }
            return [needQuery ? queryGradient : nil, needKey ? keyGradient : nil, needValue ? valueGradient : nil]
        }
    }
}

/// The sizes of one attention call, checked once.
struct AttentionGeometry {
    let batch: Int, queries: Int, keys: Int, heads: Int
    /// The per-head width of queries and keys (d) and of values (dᵥ).
    let keyWidth: Int, valueWidth: Int
    let causal: Bool
    /// 1/√d.
    let scale: Float

    init(query: [Int], key: [Int], value: [Int], heads: Int, causal: Bool) {
        let shapes = "query \(query), key \(key), value \(value)"
        precondition(query.count == 3 && key.count == 3 && value.count == 3,
                     "scaledDotProductAttention: \(shapes): each needs 3 axes [batch, sequence, features]")
        precondition(heads > 0 && query[2] % heads == 0 && value[2] % heads == 0,
                     "scaledDotProductAttention: \(shapes): the feature axes must split into \(heads) heads")
        precondition(query[0] == key[0] && key[0] == value[0] && key[1] == value[1] && query[2] == key[2],
                     "scaledDotProductAttention: \(shapes): batch, key/value length or query/key width differ")
        precondition(!causal || query[1] <= key[1],
                     "scaledDotProductAttention: \(shapes): a causal mask needs no more queries than keys")
        batch = query[0]; queries = query[1]; keys = key[1]; self.heads = heads
        keyWidth = query[2] / heads; valueWidth = value[2] / heads
        self.causal = causal
        scale = 1 / Float(Swift.max(keyWidth, 1)).squareRoot()
    }

    /// How many keys query `row` may see.
    func visibleKeys(row: Int) -> Int {
        causal ? row + 1 + (keys - queries) : keys
    }

    /// Offsets of head `pair % heads` of example `pair / heads` in the query
    /// (and key), value and probability buffers.
    func offsets(pair: Int) -> (query: Int, key: Int, value: Int, output: Int, probabilities: Int) {
        let example = pair / heads, head = pair % heads
        let qkWidth = heads * keyWidth, vWidth = heads * valueWidth
        return (example * queries * qkWidth + head * keyWidth, example * keys * qkWidth + head * keyWidth,
                example * keys * vWidth + head * valueWidth, example * queries * vWidth + head * valueWidth,
                pair * queries * keys)
    }
}

/// The forward pass for one (example, head) pair: scores, masked softmax, P·V.
struct AttentionForwardTask {
    let geometry: AttentionGeometry
    let query: UnsafePointer<Float>, key: UnsafePointer<Float>, value: UnsafePointer<Float>
    let probabilities: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>
    /// `[batch, keys]`, 0 for a key no query sees; nil when every key is seen.
    let keyMask: UnsafePointer<Float>?

    init(geometry: AttentionGeometry, query: UnsafeMutablePointer<Float>, key: UnsafeMutablePointer<Float>,
         value: UnsafeMutablePointer<Float>, probabilities: UnsafeMutablePointer<Float>,
         output: UnsafeMutablePointer<Float>, keyMask: UnsafePointer<Float>?) {
        self.geometry = geometry
        self.query = UnsafePointer(query); self.key = UnsafePointer(key); self.value = UnsafePointer(value)
        self.probabilities = probabilities; self.output = output
        self.keyMask = keyMask
    }

    func run(pair: Int) {
        let g = geometry, at = g.offsets(pair: pair)
        let qkStride = g.heads * g.keyWidth, vStride = g.heads * g.valueWidth
        let p = probabilities + at.probabilities
        syn_sgemm_serial(0, 1, g.queries, g.keys, g.keyWidth, g.scale, query + at.query, qkStride,
                         key + at.key, qkStride, 0, p, g.keys)
        let keep = keyMask.map { $0 + (pair / g.heads) * g.keys }
        for row in 0..<g.queries {
            let scores = p + row * g.keys, visible = g.visibleKeys(row: row)
            var maximum = -Float.infinity
            if let keep {
                for j in 0..<visible where keep[j] != 0 { maximum = Swift.max(maximum, scores[j]) }
                if maximum == -.infinity {
                    scores.update(repeating: 0, count: g.keys)
                    continue
                }
            } else {
                for j in 0..<visible { maximum = Swift.max(maximum, scores[j]) }
            }
            for j in 0..<visible { scores[j] -= maximum }
            syn_vexp(scores, scores, visible)
            if let keep { for j in 0..<visible where keep[j] == 0 { scores[j] = 0 } }
            var total: Float = 0
            for j in 0..<visible { total += scores[j] }
            let inverse = 1 / total
            for j in 0..<visible { scores[j] *= inverse }
            if visible < g.keys { (scores + visible).update(repeating: 0, count: g.keys - visible) }
        }
        syn_sgemm_serial(0, 0, g.queries, g.valueWidth, g.keys, 1, p, g.keys, value + at.value, vStride,
                         0, output + at.output, vStride)
    }
}

/// The backward pass for one (example, head) pair:
/// dV = Pᵀ·dO, dP = dO·Vᵀ, dS = P ⊙ (dP − rowsum(P ⊙ dP)) / √d, dQ = dS·K, dK = dSᵀ·Q.
struct AttentionBackwardTask {
    let geometry: AttentionGeometry
    let query: UnsafePointer<Float>, key: UnsafePointer<Float>, value: UnsafePointer<Float>
    let probabilities: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>
    let queryGradient: UnsafeMutablePointer<Float>, keyGradient: UnsafeMutablePointer<Float>
    let valueGradient: UnsafeMutablePointer<Float>

    init(geometry: AttentionGeometry, query: UnsafeMutablePointer<Float>, key: UnsafeMutablePointer<Float>,
         value: UnsafeMutablePointer<Float>, probabilities: UnsafeMutablePointer<Float>,
         outputGradient: UnsafeMutablePointer<Float>, queryGradient: UnsafeMutablePointer<Float>,
         keyGradient: UnsafeMutablePointer<Float>, valueGradient: UnsafeMutablePointer<Float>) {
        self.geometry = geometry
        self.query = UnsafePointer(query); self.key = UnsafePointer(key); self.value = UnsafePointer(value)
        self.probabilities = UnsafePointer(probabilities); self.outputGradient = UnsafePointer(outputGradient)
        self.queryGradient = queryGradient; self.keyGradient = keyGradient; self.valueGradient = valueGradient
    }

    func run(pair: Int) {
        let g = geometry, at = g.offsets(pair: pair)
        let qkStride = g.heads * g.keyWidth, vStride = g.heads * g.valueWidth
        let p = probabilities + at.probabilities, dO = outputGradient + at.output
        syn_sgemm_serial(1, 0, g.keys, g.valueWidth, g.queries, 1, p, g.keys, dO, vStride,
                         0, valueGradient + at.value, vStride)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(g.queries * g.keys, 1))
        defer { scores.deallocate() }
        syn_sgemm_serial(0, 1, g.queries, g.keys, g.valueWidth, 1, dO, vStride, value + at.value, vStride,
                         0, scores, g.keys)
        for row in 0..<g.queries {
            let dP = scores + row * g.keys, probability = p + row * g.keys
            let visible = g.visibleKeys(row: row)
            var dot: Float = 0
            for j in 0..<visible { dot += probability[j] * dP[j] }
            for j in 0..<visible { dP[j] = probability[j] * (dP[j] - dot) * g.scale }
            if visible < g.keys { (dP + visible).update(repeating: 0, count: g.keys - visible) }
        }
        syn_sgemm_serial(0, 0, g.queries, g.keyWidth, g.keys, 1, scores, g.keys, key + at.key, qkStride,
                         0, queryGradient + at.query, qkStride)
        syn_sgemm_serial(1, 0, g.keys, g.keyWidth, g.queries, 1, scores, g.keys, query + at.query, qkStride,
                         0, keyGradient + at.key, qkStride)
    }
}

import CSynapseKernels

/// A GEMM's right-hand operand `op(B)` (`depth × width`) packed once for the
/// kernels' micro-tiles (`syn_gemm_pack_b`), for many products against it
/// (`syn_sgemm_packed_b`): a recurrent layer's kernel, read at every time step
/// of one call, is packed once per call instead of once per step.
final class PackedGemmOperand {
    /// K and N of `op(B)`.
    let depth: Int, width: Int
    private let packed: UnsafeMutablePointer<Float>

    /// Packs `b`: stored `depth × width` with row stride `rowStride`, or
    /// `width × depth` when `transposed`.
    init(_ b: UnsafePointer<Float>, depth: Int, width: Int, transposed: Bool, rowStride: Int) {
        self.depth = depth
        self.width = width
        let floats = syn_gemm_pack_b_size(depth, width)
        packed = UnsafeMutableRawPointer.allocate(byteCount: floats * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: floats)
        syn_gemm_pack_b(transposed ? 1 : 0, depth, width, b, rowStride, packed)
    }

    deinit { packed.deallocate() }

    /// `c = alpha·a·op(B) + beta·c` for `rows` rows of a row-major `a`
    /// (`rows × depth`, row stride `aStride`) into `c` (row stride `cStride`).
    func multiply(_ a: UnsafePointer<Float>, rows: Int, aStride: Int, alpha: Float = 1, beta: Float,
                  into c: UnsafeMutablePointer<Float>, cStride: Int) {
        syn_sgemm_packed_b(0, rows, width, depth, alpha, a, aStride, packed, beta, c, cStride)
    }
}

// GEMMs against a B packed once and reused (a recurrent layer's kernel, read
// at every time step): the packing is done by syn_gemm_pack_b instead of by
// every call. The buffer starts with a header saying for which K, N and
// micro-kernel it was packed, so that a mismatched call stops with a message
// instead of reading the wrong layout.
#include "gemm_internal.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HEADER_FLOATS = 16 };  // 64 bytes: keeps the panels 64-byte aligned
static const uint64_t PACKED_B_MAGIC = 0x53594e5041434b42ull;  // "SYNPACKB"

/// What a packed buffer was packed for.
typedef struct {
    uint64_t magic;
    int64_t k, n;
    const syn_gemm_kernel *kernel;
} packed_b_header;

_Static_assert(sizeof(packed_b_header) <= HEADER_FLOATS * sizeof(float), "header too large");

static long padded_columns(const syn_gemm_kernel *kern, long n) {
    return (n + kern->nr - 1) / kern->nr * kern->nr;
}

long syn_gemm_pack_b_size(long K, long N) {
    if (K < 0 || N < 0) return HEADER_FLOATS;
    return HEADER_FLOATS + K * padded_columns(syn_gemm_current_kernel(), N);
}

void syn_gemm_pack_b(int transB, long K, long N, const float *B, long ldb, float *packed) {
    const syn_gemm_kernel *kern = syn_gemm_current_kernel();
    packed_b_header header = {PACKED_B_MAGIC, K, N, kern};
    memcpy(packed, &header, sizeof header);
    if (K <= 0 || N <= 0) return;
    syn_gemm_pack_b_columns(kern, transB != 0, K, 0, N, B, ldb, syn_gemm_depth_block(K),
                            padded_columns(kern, N), packed + HEADER_FLOATS);
}

/// Stops the program when `packed` was not packed by syn_gemm_pack_b for this
/// K, N and micro-kernel (a programming error, like mismatched shapes).
static void check_header(const float *packed, long k, long n, const syn_gemm_kernel *kern) {
    packed_b_header header;
    memcpy(&header, packed, sizeof header);
    if (header.magic != PACKED_B_MAGIC) {
        fprintf(stderr, "syn_sgemm_packed_b: the buffer was not filled by syn_gemm_pack_b\n");
        abort();
    }
    if (header.k != k || header.n != n || header.kernel != kern) {
        fprintf(stderr,
                "syn_sgemm_packed_b: B was packed as %lld×%lld for kernel %s, but is used as "
                "%ld×%ld with kernel %s; pack it again\n",
                (long long)header.k, (long long)header.n, header.kernel->name, k, n, kern->name);
        abort();
    }
}

void syn_sgemm_packed_b(int transA, long M, long N, long K, float alpha, const float *A,
                        long lda, const float *packedB, float beta, float *C, long ldc) {
    const syn_gemm_kernel *kern = syn_gemm_current_kernel();
    check_header(packedB, K, N, kern);
    gemm_problem p = {transA != 0, 0, M, N, K, alpha, beta, A, lda, NULL, 0, C, ldc, NULL, 0};
    gemm_packed_b packed = {packedB + HEADER_FLOATS, syn_gemm_depth_block(K),
                            padded_columns(kern, N)};
    syn_gemm_run(&p, &packed);
}

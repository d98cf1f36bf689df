// AVX2+FMA GEMM micro-kernel: 6 rows × 16 columns (12 ymm accumulators).
#if defined(__x86_64__)
#include "internal.h"
#include <immintrin.h>

enum {
    MR = 6,
    NR = 16,
    // Rows of B fetched ahead of the depth loop: B read in place has rows
    // ldb floats apart, which the hardware prefetcher follows late (4 and 16
    // measured no better on this machine's Zen 3; 8 gave 0-10% on the
    // 784-deep products).
    B_PREFETCH_ROWS = 8,
};

/// Lanes [8 - n, 16 - n) of this table give a mask selecting the first n lanes.
static const int mask_table[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

static SYN_ALWAYS_INLINE SYN_TARGET_AVX2 __m256 load8(int masked, const float *p, __m256i m) {
    return masked ? _mm256_maskload_ps(p, m) : _mm256_loadu_ps(p);
}

/// One tile with compile-time row count `rows` and `nv` (1 or 2) ymm per row;
/// `masked` loads/stores only the columns selected by m0/m1.
static SYN_ALWAYS_INLINE SYN_TARGET_AVX2 void
tile_body(const int rows, const int nv, const int masked, long k, const float *a, long rsa,
          long csa, const float *b, long ldb, float *c, long ldc, float alpha, float beta,
          __m256i m0, __m256i m1, const float *bias, int relu) {
    __m256 acc[MR][2];
    // Fetch the tile of C now, so the epilogue does not wait for it.
    for (int r = 0; r < rows; r++) {
        _mm_prefetch((const char *)(c + r * ldc), _MM_HINT_T0);
        if (nv == 2) _mm_prefetch((const char *)(c + r * ldc + 15), _MM_HINT_T0);
    }
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < nv; v++) acc[r][v] = _mm256_setzero_ps();
    for (long p = 0; p < k; p++) {
        __m256 bv[2];
        bv[0] = load8(masked, b, m0);
        if (nv == 2) bv[1] = load8(masked, b + 8, m1);
        _mm_prefetch((const char *)(b + B_PREFETCH_ROWS * ldb), _MM_HINT_T0);
        for (int r = 0; r < rows; r++) {
            __m256 av = _mm256_broadcast_ss(a + r * rsa);
            for (int v = 0; v < nv; v++) acc[r][v] = _mm256_fmadd_ps(av, bv[v], acc[r][v]);
        }
        a += csa;
        b += ldb;
    }
    __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
    for (int r = 0; r < rows; r++) {
        for (int v = 0; v < nv; v++) {
            float *cp = c + r * ldc + 8 * v;
            __m256i m = v == 0 ? m0 : m1;
            __m256 out = _mm256_mul_ps(va, acc[r][v]);
            if (beta != 0.0f) out = _mm256_fmadd_ps(vb, load8(masked, cp, m), out);
            if (bias != NULL) out = _mm256_add_ps(out, load8(masked, bias + 8 * v, m));
            if (relu) out = _mm256_max_ps(_mm256_setzero_ps(), out);  // keeps NaN
            if (masked) _mm256_maskstore_ps(cp, m, out);
            else _mm256_storeu_ps(cp, out);
        }
    }
}

#define TILE_ROWS_SWITCH(nv, masked)                                                        \
    switch (mr) {                                                                          \
    case 6: tile_body(6, nv, masked, k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, m0, m1, bias, relu); break; \
    case 5: tile_body(5, nv, masked, k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, m0, m1, bias, relu); break; \
    case 4: tile_body(4, nv, masked, k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, m0, m1, bias, relu); break; \
    case 3: tile_body(3, nv, masked, k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, m0, m1, bias, relu); break; \
    case 2: tile_body(2, nv, masked, k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, m0, m1, bias, relu); break; \
    default: tile_body(1, nv, masked, k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, m0, m1, bias, relu); break; \
    }

/// Picks the tile body for `mr` × `nr`; inlined once per stride pattern so
/// that a packed A (rsa = 1, csa = MR) runs with constant strides.
static SYN_ALWAYS_INLINE SYN_TARGET_AVX2 void
tile_dispatch(long k, const float *a, long rsa, long csa, const float *b, long ldb, float *c,
              long ldc, float alpha, float beta, int mr, int nr, const float *bias, int relu) {
    __m256i m0 = _mm256_set1_epi32(-1), m1 = m0;
    if (nr == NR) {
        TILE_ROWS_SWITCH(2, 0)
    } else if (nr <= 8) {
        m0 = _mm256_loadu_si256((const __m256i *)(mask_table + 8 - nr));
        TILE_ROWS_SWITCH(1, 1)
    } else {
        m1 = _mm256_loadu_si256((const __m256i *)(mask_table + 16 - nr));
        TILE_ROWS_SWITCH(2, 1)
    }
}

static SYN_TARGET_AVX2 void tile_avx2(long k, const float *a, long rsa, long csa,
                                      const float *b, long ldb, float *c, long ldc,
                                      float alpha, float beta, int mr, int nr,
                                      const float *bias, int relu) {
    if (rsa == 1 && csa == MR)
        tile_dispatch(k, a, 1, MR, b, ldb, c, ldc, alpha, beta, mr, nr, bias, relu);
    else
        tile_dispatch(k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, mr, nr, bias, relu);
}

const syn_gemm_kernel syn_gemm_kernel_avx2 = {
    .name = "avx2-6x16", .mr = MR, .nr = NR, .tile = tile_avx2, .pack_bt = syn_pack_bt_avx2,
    .row = NULL, .pack_a = syn_pack_a6_avx2,
};
#endif

// AVX-512 GEMM micro-kernel: 6 rows × 64 columns (24 zmm accumulators).
// Per depth step it loads 4 vectors of B and broadcasts 6 values of A for 24
// FMAs; the 8 × 32 tile it replaced needed 10 loads for 16 FMAs and measured
// 2–14% slower on the MLP and convnet shapes (1–2 threads, this machine).
#if defined(__x86_64__)
#include "internal.h"
#include <immintrin.h>

enum { MR = 6, NR = 64 };

/// Loads vector v (0 to 3) of a B row, masked for ragged panels.
static SYN_ALWAYS_INLINE SYN_TARGET_AVX512 __m512 load_b(int masked, int v, const __mmask16 *m, const float *b) {
    if (!masked) return _mm512_loadu_ps(b + 16 * v);
    return _mm512_maskz_loadu_ps(m[v], b + 16 * v);
}

/// One tile with compile-time row count `rows` and vector count `nv` (1 to 4
/// zmm per row); `masked` loads/stores only the columns in masks m[v].
static SYN_ALWAYS_INLINE SYN_TARGET_AVX512 void
tile_body(const int rows, const int nv, const int masked, long k, const float *a, long rsa,
          long csa, const float *b, long ldb, float *c, long ldc, float alpha, float beta,
          const __mmask16 *m, const float *bias, int relu) {
    // Tiles of 1-2 rows have too few independent FMAs to hide their latency:
    // spread consecutive k over `sets` accumulator sets (1 row: 4, 2 rows: 2).
    const int sets = rows == 1 ? 4 : rows == 2 ? 2 : 1;
    __m512 acc[MR][4], extra[3][2][4];
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < nv; v++) {
            acc[r][v] = _mm512_setzero_ps();
            for (int u = 0; u + 1 < sets; u++) extra[u][r][v] = _mm512_setzero_ps();
        }
    long p = 0;
    if (sets > 1) {
        for (; p + sets <= k; p += sets) {
            for (int v = 0; v < nv; v++) {
                for (int u = 0; u < sets; u++) {
                    __m512 bu = load_b(masked, v, m, b + u * ldb);
                    for (int r = 0; r < rows; r++) {
                        __m512 au = _mm512_set1_ps(a[r * rsa + u * csa]);
                        if (u == 0) acc[r][v] = _mm512_fmadd_ps(au, bu, acc[r][v]);
                        else extra[u - 1][r][v] = _mm512_fmadd_ps(au, bu, extra[u - 1][r][v]);
                    }
                }
            }
            a += sets * csa;
            b += sets * ldb;
        }
    }
    for (; p < k; p++) {
        __m512 bv[4];
        for (int v = 0; v < nv; v++) bv[v] = load_b(masked, v, m, b);
        for (int r = 0; r < rows; r++) {
            __m512 av = _mm512_set1_ps(a[r * rsa]);
            for (int v = 0; v < nv; v++) acc[r][v] = _mm512_fmadd_ps(av, bv[v], acc[r][v]);
        }
        a += csa;
        b += ldb;
    }
    for (int u = 0; u + 1 < sets; u++)
        for (int r = 0; r < rows; r++)
            for (int v = 0; v < nv; v++) acc[r][v] = _mm512_add_ps(acc[r][v], extra[u][r][v]);
    __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
    for (int r = 0; r < rows; r++) {
        for (int v = 0; v < nv; v++) {
            float *cp = c + r * ldc + 16 * v;
            __m512 out = _mm512_mul_ps(va, acc[r][v]);
            if (beta != 0.0f) {
                __m512 old = masked ? _mm512_maskz_loadu_ps(m[v], cp) : _mm512_loadu_ps(cp);
                out = _mm512_fmadd_ps(vb, old, out);
            }
            if (bias != NULL) out = _mm512_add_ps(out, load_b(masked, v, m, bias));
            if (relu) out = _mm512_max_ps(_mm512_setzero_ps(), out);  // keeps NaN
            if (masked) _mm512_mask_storeu_ps(cp, m[v], out);
            else _mm512_storeu_ps(cp, out);
        }
    }
}

#define TILE_ROWS_SWITCH(nv, masked)                                                        \
    switch (mr) {                                                                          \
    case 6: tile_body(6, nv, masked, k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, m, bias, relu); break; \
    case 5: tile_body(5, nv, masked, k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, m, bias, relu); break; \
    case 4: tile_body(4, nv, masked, k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, m, bias, relu); break; \
    case 3: tile_body(3, nv, masked, k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, m, bias, relu); break; \
    case 2: tile_body(2, nv, masked, k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, m, bias, relu); break; \
    default: tile_body(1, nv, masked, k, a, rsa, csa, b, ldb, c, ldc, alpha, beta, m, bias, relu); break; \
    }

static SYN_TARGET_AVX512 void tile_avx512(long k, const float *a, long rsa, long csa,
                                          const float *b, long ldb, float *c, long ldc,
                                          float alpha, float beta, int mr, int nr,
                                          const float *bias, int relu) {
    __mmask16 m[4];
    for (int v = 0; v < 4; v++) {
        int left = nr - 16 * v;
        m[v] = left >= 16 ? 0xFFFF : left <= 0 ? 0 : (__mmask16)((1u << left) - 1);
    }
    if (nr == NR) {
        TILE_ROWS_SWITCH(4, 0)
    } else if (nr <= 16) {
        TILE_ROWS_SWITCH(1, 1)
    } else if (nr <= 32) {
        TILE_ROWS_SWITCH(2, 1)
    } else if (nr <= 48) {
        TILE_ROWS_SWITCH(3, 1)
    } else {
        TILE_ROWS_SWITCH(4, 1)
    }
}

/// Columns [0, 16 * nv) of one row of C, streaming whole rows of B; the last
/// vector loads and stores only the columns in `tail`. Few vectors get
/// several accumulator sets over consecutive k, to keep 8 FMAs in flight.
static SYN_ALWAYS_INLINE SYN_TARGET_AVX512 void
row_body(const int nv, long k, const float *a, long csa, const float *b, long ldb, float *c,
         float alpha, float beta, const float *bias, int relu, __mmask16 tail) {
    const int sets = nv >= 6 ? 1 : nv >= 3 ? 2 : 4;
    __m512 acc[4][8];
    for (int u = 0; u < sets; u++)
        for (int v = 0; v < nv; v++) acc[u][v] = _mm512_setzero_ps();
    long p = 0;
    for (; p + sets <= k; p += sets) {
        for (int u = 0; u < sets; u++) {
            __m512 av = _mm512_set1_ps(a[u * csa]);
            for (int v = 0; v < nv; v++) {
                __m512 bv = _mm512_maskz_loadu_ps(v == nv - 1 ? tail : 0xFFFF, b + u * ldb + 16 * v);
                acc[u][v] = _mm512_fmadd_ps(av, bv, acc[u][v]);
            }
        }
        a += sets * csa;
        b += sets * ldb;
    }
    for (; p < k; p++) {
        __m512 av = _mm512_set1_ps(a[0]);
        for (int v = 0; v < nv; v++) {
            __m512 bv = _mm512_maskz_loadu_ps(v == nv - 1 ? tail : 0xFFFF, b + 16 * v);
            acc[0][v] = _mm512_fmadd_ps(av, bv, acc[0][v]);
        }
        a += csa;
        b += ldb;
    }
    for (int u = 1; u < sets; u++)
        for (int v = 0; v < nv; v++) acc[0][v] = _mm512_add_ps(acc[0][v], acc[u][v]);
    __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
    for (int v = 0; v < nv; v++) {
        __mmask16 m = v == nv - 1 ? tail : 0xFFFF;
        __m512 out = _mm512_mul_ps(va, acc[0][v]);
        if (beta != 0.0f) out = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m, c + 16 * v), out);
        if (bias != NULL) out = _mm512_add_ps(out, _mm512_maskz_loadu_ps(m, bias + 16 * v));
        if (relu) out = _mm512_max_ps(_mm512_setzero_ps(), out);  // keeps NaN
        _mm512_mask_storeu_ps(c + 16 * v, m, out);
    }
}

static SYN_TARGET_AVX512 void row_avx512(long k, long n, const float *a, long csa,
                                         const float *b, long ldb, float *c, float alpha,
                                         float beta, const float *bias, int relu) {
    enum { CHUNK = 128 };  // columns per pass over B: 8 zmm accumulators
    for (long j = 0; j < n; j += CHUNK) {
        int w = n - j < CHUNK ? (int)(n - j) : CHUNK;
        int nv = (w + 15) / 16;
        __mmask16 tail = (__mmask16)((1u << (w - 16 * (nv - 1))) - 1);
        const float *bj = b + j, *biasj = bias != NULL ? bias + j : NULL;
        float *cj = c + j;
        switch (nv) {
        case 8: row_body(8, k, a, csa, bj, ldb, cj, alpha, beta, biasj, relu, tail); break;
        case 7: row_body(7, k, a, csa, bj, ldb, cj, alpha, beta, biasj, relu, tail); break;
        case 6: row_body(6, k, a, csa, bj, ldb, cj, alpha, beta, biasj, relu, tail); break;
        case 5: row_body(5, k, a, csa, bj, ldb, cj, alpha, beta, biasj, relu, tail); break;
        case 4: row_body(4, k, a, csa, bj, ldb, cj, alpha, beta, biasj, relu, tail); break;
        case 3: row_body(3, k, a, csa, bj, ldb, cj, alpha, beta, biasj, relu, tail); break;
        case 2: row_body(2, k, a, csa, bj, ldb, cj, alpha, beta, biasj, relu, tail); break;
        default: row_body(1, k, a, csa, bj, ldb, cj, alpha, beta, biasj, relu, tail); break;
        }
    }
}

const syn_gemm_kernel syn_gemm_kernel_avx512 = {
    .name = "avx512-6x64", .mr = MR, .nr = NR, .tile = tile_avx512, .pack_bt = syn_pack_bt_avx2,
    .row = row_avx512,
};
#endif

// Implicit-GEMM convolution for AVX-512: the GEMM micro-tile reads the image
// in place instead of an im2col matrix.
//
// Without padding, output pixel p's window starts at image offset
// pixel_off[p], and depth index k = (kernel row, kernel column, channel) is
// at depth_off[k] from there. So the forward pass is a GEMM whose A element
// (p, k) is image[pixel_off[p] + depth_off[k]], and the kernel gradient is
// the transposed product, with the roles of the two tables swapped. The
// tile loads its row offsets once and steps through the depth table,
// so no unfolded copy of the windows is ever written or read back.
#if defined(__x86_64__)
#include "conv_internal.h"
#include "internal.h"
#include <immintrin.h>

enum { MR = 8, NR = 32, WIDE_MR = 6, WIDE_NR = 64 };

/// C[r][j] (+)= Σ_p a[row_off[r] + k_off[p]] · b[p·ldb + j] for `rows` rows
/// and `nv` masked vectors of 16 columns: 8 rows × 2 vectors, or, for wide
/// panels, 6 rows × 4 vectors, which loads fewer operands per FMA.
static SYN_ALWAYS_INLINE SYN_TARGET_AVX512 void
offset_tile(const int rows, const int nv, long k, const float *a, const long *row_off, const long *k_off,
            const float *b, long ldb, float *c, long ldc, int accumulate, const __mmask16 *mask) {
    __m512 acc[MR][4];
    long roff[MR];
    for (int r = 0; r < rows; r++) {
        roff[r] = row_off[r];
        for (int v = 0; v < nv; v++) acc[r][v] = _mm512_setzero_ps();
    }
    for (long p = 0; p < k; p++) {
        const float *ap = a + k_off[p];
        __m512 bv[4];
        for (int v = 0; v < nv; v++) bv[v] = _mm512_maskz_loadu_ps(mask[v], b + p * ldb + 16 * v);
        for (int r = 0; r < rows; r++) {
            __m512 av = _mm512_set1_ps(ap[roff[r]]);
            for (int v = 0; v < nv; v++) acc[r][v] = _mm512_fmadd_ps(av, bv[v], acc[r][v]);
        }
    }
    for (int r = 0; r < rows; r++) {
        for (int v = 0; v < nv; v++) {
            float *cp = c + r * ldc + 16 * v;
            __m512 out = acc[r][v];
            if (accumulate) out = _mm512_add_ps(out, _mm512_maskz_loadu_ps(mask[v], cp));
            _mm512_mask_storeu_ps(cp, mask[v], out);
        }
    }
}

#define OFFSET_TILE_ROWS(nv, ...)                          \
    switch (rows) {                                        \
    case 8: offset_tile(8, nv, __VA_ARGS__); break;        \
    case 7: offset_tile(7, nv, __VA_ARGS__); break;        \
    case 6: offset_tile(6, nv, __VA_ARGS__); break;        \
    case 5: offset_tile(5, nv, __VA_ARGS__); break;        \
    case 4: offset_tile(4, nv, __VA_ARGS__); break;        \
    case 3: offset_tile(3, nv, __VA_ARGS__); break;        \
    case 2: offset_tile(2, nv, __VA_ARGS__); break;        \
    default: offset_tile(1, nv, __VA_ARGS__); break;       \
    }

/// The rows of C [rows_total, columns] (+)= A · B in tiles, where A's row i
/// starts at row_off[i] and its depth step p is at k_off[p]. Panels wider
/// than NR columns use the wide tile.
static SYN_ALWAYS_INLINE SYN_TARGET_AVX512 void
offset_gemm(long rows_total, long columns, long k, const float *a, const long *row_off, const long *k_off,
            const float *b, float *c, int accumulate) {
    for (long j = 0; j < columns; j += WIDE_NR) {
        long width = columns - j < WIDE_NR ? columns - j : WIDE_NR;
        __mmask16 mask[4];
        for (int v = 0; v < 4; v++) {
            long left = width - 16 * v;
            mask[v] = left >= 16 ? 0xFFFF : left <= 0 ? 0 : (__mmask16)((1u << left) - 1);
        }
        if (width > NR) {
            for (long i = 0; i < rows_total; i += WIDE_MR) {
                int rows = rows_total - i < WIDE_MR ? (int)(rows_total - i) : WIDE_MR;
                OFFSET_TILE_ROWS(4, k, a, row_off + i, k_off, b + j, columns, c + i * columns + j, columns,
                                 accumulate, mask)
            }
            continue;
        }
        for (long i = 0; i < rows_total; i += MR) {
            int rows = rows_total - i < MR ? (int)(rows_total - i) : MR;
            OFFSET_TILE_ROWS(2, k, a, row_off + i, k_off, b + j, columns, c + i * columns + j, columns, accumulate,
                             mask)
        }
    }
}

SYN_TARGET_AVX512 void syn_conv_implicit_forward(const float *image, const long *depth_off, long depth,
                                                 const long *pixel_off, long pixels, const float *w, long filters,
                                                 float *out) {
    offset_gemm(pixels, filters, depth, image, pixel_off, depth_off, w, out, 0);
}

SYN_TARGET_AVX512 void syn_conv_implicit_kernel_gradient(const float *image, const long *depth_off, long depth,
                                                         const long *pixel_off, long pixels, const float *dz,
                                                         long filters, float *dw, int accumulate) {
    offset_gemm(depth, filters, pixels, image, depth_off, pixel_off, dz, dw, accumulate);
}
#endif

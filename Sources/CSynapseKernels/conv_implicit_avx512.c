// Implicit-GEMM convolution for AVX-512: the GEMM micro-tile reads the image
// in place instead of an im2col matrix.
//
// Without padding, output pixel p's window starts at image offset
// pixel_off[p], and depth index k = (kernel row, kernel column, channel) is
// at depth_off[k] from there. So the forward pass is a GEMM whose A element
// (p, k) is image[pixel_off[p] + depth_off[k]], and the kernel gradient is
// the transposed product, with the roles of the two tables swapped. The
// tile loads its eight row offsets once and steps through the depth table,
// so no unfolded copy of the windows is ever written or read back.
#if defined(__x86_64__)
#include "conv_internal.h"
#include "internal.h"
#include <immintrin.h>

enum { MR = 8, NR = 32 };

static SYN_ALWAYS_INLINE SYN_TARGET_AVX512 __m512 load_cols(int v, __mmask16 m0, __mmask16 m1, const float *p) {
    return _mm512_maskz_loadu_ps(v == 0 ? m0 : m1, p + 16 * v);
}

/// C[r][j] (+)= Σ_p a[row_off[r] + k_off[p]] · b[p·ldb + j] for `rows` rows
/// and two masked vectors of columns.
static SYN_ALWAYS_INLINE SYN_TARGET_AVX512 void
offset_tile(const int rows, long k, const float *a, const long *row_off, const long *k_off, const float *b, long ldb,
            float *c, long ldc, int accumulate, __mmask16 m0, __mmask16 m1) {
    __m512 acc[MR][2];
    long roff[MR];
    for (int r = 0; r < rows; r++) {
        roff[r] = row_off[r];
        acc[r][0] = acc[r][1] = _mm512_setzero_ps();
    }
    for (long p = 0; p < k; p++) {
        const float *ap = a + k_off[p];
        __m512 b0 = load_cols(0, m0, m1, b + p * ldb), b1 = load_cols(1, m0, m1, b + p * ldb);
        for (int r = 0; r < rows; r++) {
            __m512 av = _mm512_set1_ps(ap[roff[r]]);
            acc[r][0] = _mm512_fmadd_ps(av, b0, acc[r][0]);
            acc[r][1] = _mm512_fmadd_ps(av, b1, acc[r][1]);
        }
    }
    for (int r = 0; r < rows; r++) {
        for (int v = 0; v < 2; v++) {
            float *cp = c + r * ldc + 16 * v;
            __mmask16 m = v == 0 ? m0 : m1;
            __m512 out = acc[r][v];
            if (accumulate) out = _mm512_add_ps(out, _mm512_maskz_loadu_ps(m, cp));
            _mm512_mask_storeu_ps(cp, m, out);
        }
    }
}

#define OFFSET_TILE_ROWS(...)                     \
    switch (rows) {                               \
    case 8: offset_tile(8, __VA_ARGS__); break;   \
    case 7: offset_tile(7, __VA_ARGS__); break;   \
    case 6: offset_tile(6, __VA_ARGS__); break;   \
    case 5: offset_tile(5, __VA_ARGS__); break;   \
    case 4: offset_tile(4, __VA_ARGS__); break;   \
    case 3: offset_tile(3, __VA_ARGS__); break;   \
    case 2: offset_tile(2, __VA_ARGS__); break;   \
    default: offset_tile(1, __VA_ARGS__); break;  \
    }

static SYN_ALWAYS_INLINE void column_masks(long width, __mmask16 *m0, __mmask16 *m1) {
    *m0 = width >= 16 ? 0xFFFF : (__mmask16)((1u << width) - 1);
    *m1 = width >= 32 ? 0xFFFF : width <= 16 ? 0 : (__mmask16)((1u << (width - 16)) - 1);
}

SYN_TARGET_AVX512 void syn_conv_implicit_forward(const float *image, const long *depth_off, long depth,
                                                 const long *pixel_off, long pixels, const float *w, long filters,
                                                 float *out) {
    for (long j = 0; j < filters; j += NR) {
        __mmask16 m0, m1;
        column_masks(filters - j < NR ? filters - j : NR, &m0, &m1);
        for (long i = 0; i < pixels; i += MR) {
            int rows = pixels - i < MR ? (int)(pixels - i) : MR;
            OFFSET_TILE_ROWS(depth, image, pixel_off + i, depth_off, w + j, filters, out + i * filters + j, filters,
                             0, m0, m1)
        }
    }
}

SYN_TARGET_AVX512 void syn_conv_implicit_kernel_gradient(const float *image, const long *depth_off, long depth,
                                                         const long *pixel_off, long pixels, const float *dz,
                                                         long filters, float *dw, int accumulate) {
    for (long j = 0; j < filters; j += NR) {
        __mmask16 m0, m1;
        column_masks(filters - j < NR ? filters - j : NR, &m0, &m1);
        for (long i = 0; i < depth; i += MR) {
            int rows = depth - i < MR ? (int)(depth - i) : MR;
            OFFSET_TILE_ROWS(pixels, image, depth_off + i, pixel_off, dz + j, filters, dw + i * filters + j, filters,
                             accumulate, m0, m1)
        }
    }
}
#endif

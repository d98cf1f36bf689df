// Packing of B into zero-padded column panels for the GEMM micro-kernels.
#include "internal.h"
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/// Copies `count` floats; a compile-time count becomes a few vector moves.
static SYN_ALWAYS_INLINE void copy_floats(float *dst, const float *src, long count) {
    memcpy(dst, src, (size_t)count * sizeof(float));
}

void syn_pack_b_rows(long kc, long nc, const float *b, long ldb, int nr, float *dst) {
    const long full = nc / nr, tail = nc - full * nr;
    const long panel = kc * nr;
    // Row by row, so B is read sequentially; each row feeds every panel.
    for (long p = 0; p < kc; p++) {
        const float *row = b + p * ldb;
        float *out = dst + p * nr;
        if (nr == 16)
            for (long t = 0; t < full; t++) copy_floats(out + t * panel, row + t * 16, 16);
        else if (nr == 64)
            for (long t = 0; t < full; t++) copy_floats(out + t * panel, row + t * 64, 64);
        else
            for (long t = 0; t < full; t++) copy_floats(out + t * panel, row + t * nr, nr);
        if (tail > 0) {
            float *last = out + full * panel;
            copy_floats(last, row + full * nr, tail);
            for (long q = tail; q < nr; q++) last[q] = 0;
        }
    }
}

void syn_pack_a(long mc, long kc, const float *a, long rsa, long csa, int mr, float *dst) {
    for (long i = 0; i < mc; i += mr) {
        long h = mc - i < mr ? mc - i : mr;
        const float *ap = a + i * rsa;
        if (rsa == 1) {
            for (long p = 0; p < kc; p++) {
                memcpy(dst + p * mr, ap + p * csa, (size_t)h * sizeof(float));
                for (long r = h; r < mr; r++) dst[p * mr + r] = 0;
            }
        } else {
            for (long p = 0; p < kc; p++) {
                for (long r = 0; r < h; r++) dst[p * mr + r] = ap[r * rsa + p * csa];
                for (long r = h; r < mr; r++) dst[p * mr + r] = 0;
            }
        }
        dst += kc * mr;
    }
}

void syn_pack_bt_portable(long kc, long nc, const float *b, long ldb, int nr, float *dst) {
    for (long j = 0; j < nc; j += nr) {
        long w = nc - j < nr ? nc - j : nr;
        for (long p = 0; p < kc; p++) {
            for (long q = 0; q < w; q++) dst[p * nr + q] = b[(j + q) * ldb + p];
            for (long q = w; q < nr; q++) dst[p * nr + q] = 0;
        }
        dst += kc * nr;
    }
}

#if defined(__x86_64__)
/// Transposes 8 rows of 8 floats in registers: afterwards r[i] holds what
/// was column i.
static SYN_ALWAYS_INLINE SYN_TARGET_AVX2 void transpose_8x8_regs(__m256 r[8]) {
    __m256 t[8];
    // Interleave pairs of rows, then pairs of pairs, then swap 128-bit halves.
    for (int i = 0; i < 8; i += 2) {
        t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
    }
    for (int i = 0; i < 8; i += 4) {
        r[i] = _mm256_shuffle_ps(t[i], t[i + 2], 0x44);
        r[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], 0xEE);
        r[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0x44);
        r[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
    }
    for (int i = 0; i < 4; i++) {
        t[i] = _mm256_permute2f128_ps(r[i], r[i + 4], 0x20);
        t[i + 4] = _mm256_permute2f128_ps(r[i], r[i + 4], 0x31);
    }
    for (int i = 0; i < 8; i++) r[i] = t[i];
}

/// Transposes the 8×8 block at src (row stride lds) into dst (row stride ldd).
static SYN_ALWAYS_INLINE SYN_TARGET_AVX2 void transpose_8x8(const float *src, long lds,
                                                            float *dst, long ldd) {
    __m256 r[8];
    for (int i = 0; i < 8; i++) r[i] = _mm256_loadu_ps(src + i * lds);
    transpose_8x8_regs(r);
    for (int i = 0; i < 8; i++) _mm256_storeu_ps(dst + i * ldd, r[i]);
}

/// Packs one panel of h <= 6 rows of a row-major A (row stride lda) for kc
/// columns: 8 columns at a time are transposed in registers and stored 8
/// floats wide, each store's last 2 floats overwritten by the next one (or,
/// after the panel's last column, by what is packed after it: the buffer has
/// 2 floats of slack).
static SYN_ALWAYS_INLINE SYN_TARGET_AVX2 void pack_a6_rows_panel(long kc, long h,
                                                                 const float *a, long lda,
                                                                 float *dst) {
    long k8 = kc & ~7L;
    for (long p = 0; p < k8; p += 8) {
        __m256 r[8];
        for (int i = 0; i < 6; i++)
            _mm_prefetch((const char *)(a + (i + 6) * lda + p), _MM_HINT_T0);
        for (int i = 0; i < 8; i++)
            r[i] = i < h ? _mm256_loadu_ps(a + i * lda + p) : _mm256_setzero_ps();
        transpose_8x8_regs(r);
        for (int q = 0; q < 8; q++) _mm256_storeu_ps(dst + (p + q) * 6, r[q]);
    }
    for (long p = k8; p < kc; p++)
        for (long i = 0; i < 6; i++) dst[p * 6 + i] = i < h ? a[i * lda + p] : 0.0f;
}

/// Packs one panel of h <= 6 rows of a transposed A (column i of op(A) is
/// contiguous: element (i, p) at a[i + p*lda]): one masked load of h floats
/// per depth, stored 8 floats wide (zeros past h; the last 2 overwritten next,
/// as in pack_a6_rows_panel).
static SYN_ALWAYS_INLINE SYN_TARGET_AVX2 void pack_a6_columns_panel(long kc, long h,
                                                                    const float *a, long lda,
                                                                    float *dst) {
    static const int first[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
    __m256i mask = _mm256_loadu_si256((const __m256i *)(first + 8 - h));
    for (long p = 0; p < kc; p++) _mm256_storeu_ps(dst + p * 6, _mm256_maskload_ps(a + p * lda, mask));
}

SYN_TARGET_AVX2 void syn_pack_a6_avx2(long mc, long kc, const float *a, long rsa, long csa,
                                      float *dst) {
    for (long i = 0; i < mc; i += 6) {
        long h = mc - i < 6 ? mc - i : 6;
        if (csa == 1) pack_a6_rows_panel(kc, h, a + i * rsa, rsa, dst);
        else if (rsa == 1) pack_a6_columns_panel(kc, h, a + i, csa, dst);
        else syn_pack_a(h, kc, a + i * rsa, rsa, csa, 6, dst);
        dst += kc * 6;
    }
}

/// Packs one panel of w (<= nr) columns of Bᵀ; full 8×8 blocks use register
/// transposes, the ragged rest is copied element by element.
static SYN_TARGET_AVX2 void pack_bt_panel_avx2(long kc, long w, const float *b, long ldb,
                                               int nr, float *dst) {
    long w8 = w & ~7L, k8 = kc & ~7L;
    for (long q = 0; q < w8; q += 8) {
        for (long p = 0; p < k8; p += 8) transpose_8x8(b + q * ldb + p, ldb, dst + p * nr + q, nr);
        for (long p = k8; p < kc; p++)
            for (long i = 0; i < 8; i++) dst[p * nr + q + i] = b[(q + i) * ldb + p];
    }
    for (long p = 0; p < kc; p++) {
        for (long q = w8; q < w; q++) dst[p * nr + q] = b[q * ldb + p];
        for (long q = w; q < nr; q++) dst[p * nr + q] = 0;
    }
}

SYN_TARGET_AVX2 void syn_pack_bt_avx2(long kc, long nc, const float *b, long ldb, int nr,
                                      float *dst) {
    for (long j = 0; j < nc; j += nr) {
        long w = nc - j < nr ? nc - j : nr;
        pack_bt_panel_avx2(kc, w, b + j * ldb, ldb, nr, dst);
        dst += kc * nr;
    }
}
#endif

// Packing of B into zero-padded column panels for the GEMM micro-kernels.
#include "internal.h"
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

void syn_pack_b_rows(long kc, long nc, const float *b, long ldb, int nr, float *dst) {
    for (long j = 0; j < nc; j += nr) {
        long w = nc - j < nr ? nc - j : nr;
        for (long p = 0; p < kc; p++) {
            memcpy(dst + p * nr, b + p * ldb + j, (size_t)w * sizeof(float));
            for (long q = w; q < nr; q++) dst[p * nr + q] = 0;
        }
        dst += kc * nr;
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
/// Transposes the 8×8 block at src (row stride lds) into dst (row stride ldd).
static SYN_ALWAYS_INLINE SYN_TARGET_AVX2 void transpose_8x8(const float *src, long lds,
                                                            float *dst, long ldd) {
    __m256 r[8], t[8];
    for (int i = 0; i < 8; i++) r[i] = _mm256_loadu_ps(src + i * lds);
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
        _mm256_storeu_ps(dst + i * ldd, _mm256_permute2f128_ps(r[i], r[i + 4], 0x20));
        _mm256_storeu_ps(dst + (i + 4) * ldd, _mm256_permute2f128_ps(r[i], r[i + 4], 0x31));
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

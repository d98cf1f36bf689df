// Bytes to scaled floats: image pixels (uint8) into a float batch, the data
// pipeline's one per-element pass. The AVX2 path widens 8 bytes at a time;
// both paths compute float(byte) * scale, so they agree bit for bit.
#include "internal.h"
#include "synapse_kernels.h"

static void convert_portable(const uint8_t *src, float *dst, long n, float scale) {
    for (long i = 0; i < n; i++) dst[i] = (float)src[i] * scale;
}

#if defined(__x86_64__)
#include <immintrin.h>

static SYN_TARGET_AVX2 void convert_avx2(const uint8_t *src, float *dst, long n, float scale) {
    const __m256 s = _mm256_set1_ps(scale);
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256i wide = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(src + i)));
        _mm256_storeu_ps(dst + i, _mm256_mul_ps(_mm256_cvtepi32_ps(wide), s));
    }
    convert_portable(src + i, dst + i, n - i, scale);
}
#endif

void syn_bytes_to_floats(const uint8_t *src, float *dst, long n, float scale) {
#if defined(__x86_64__)
    static _Atomic int isa = -1;  // syn_cpu_best_isa(), asked once
    if (isa < 0) isa = (int)syn_cpu_best_isa();
    if (isa >= SYN_ISA_AVX2) {
        convert_avx2(src, dst, n, scale);
        return;
    }
#endif
    convert_portable(src, dst, n, scale);
}

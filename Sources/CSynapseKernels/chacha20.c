// The ChaCha20 block function (RFC 8439) with a 64-bit block counter, eight
// blocks at a time: each state word is an array of eight lanes, so the
// compiler keeps it in one AVX2 register (vector rotates need AVX2; with
// SSE2 alone they are done lane by lane).
#include "internal.h"
#include "synapse_kernels.h"
#include <stdint.h>

#define ROTATE(v, n) (((v) << (n)) | ((v) >> (32 - (n))))
#define LANES(body) for (int l = 0; l < 8; l++) { body; }
#define QUARTER(a, b, c, d)                                                              \
    LANES(x[a][l] += x[b][l]; x[d][l] ^= x[a][l]; x[d][l] = ROTATE(x[d][l], 16))          \
    LANES(x[c][l] += x[d][l]; x[b][l] ^= x[c][l]; x[b][l] = ROTATE(x[b][l], 12))          \
    LANES(x[a][l] += x[b][l]; x[d][l] ^= x[a][l]; x[d][l] = ROTATE(x[d][l], 8))           \
    LANES(x[c][l] += x[d][l]; x[b][l] ^= x[c][l]; x[b][l] = ROTATE(x[b][l], 7))

static SYN_ALWAYS_INLINE void chacha20_groups(const uint32_t *key, uint64_t counter, uint32_t nonce0,
                                              uint32_t nonce1, long groups, uint32_t *out) {
    static const uint32_t sigma[4] = {0x61707865u, 0x3320646eu, 0x79622d32u, 0x6b206574u};
    for (long g = 0; g < groups; g++) {
        uint32_t s[16][8], x[16][8];
        for (int l = 0; l < 8; l++) {
            uint64_t block = counter + (uint64_t)(g * 8 + l);
            for (int w = 0; w < 4; w++) s[w][l] = sigma[w];
            for (int w = 0; w < 8; w++) s[4 + w][l] = key[w];
            s[12][l] = (uint32_t)block;
            s[13][l] = (uint32_t)(block >> 32);
            s[14][l] = nonce0;
            s[15][l] = nonce1;
        }
        for (int w = 0; w < 16; w++) LANES(x[w][l] = s[w][l])
        for (int round = 0; round < 10; round++) {
            QUARTER(0, 4, 8, 12) QUARTER(1, 5, 9, 13) QUARTER(2, 6, 10, 14) QUARTER(3, 7, 11, 15)
            QUARTER(0, 5, 10, 15) QUARTER(1, 6, 11, 12) QUARTER(2, 7, 8, 13) QUARTER(3, 4, 9, 14)
        }
        uint32_t *group = out + g * 128;
        for (int w = 0; w < 16; w++) LANES(group[l * 16 + w] = x[w][l] + s[w][l])
    }
}

#if defined(__x86_64__)
static SYN_TARGET_AVX2 void chacha20_avx2(const uint32_t *key, uint64_t counter, uint32_t nonce0, uint32_t nonce1,
                                          long groups, uint32_t *out) {
    chacha20_groups(key, counter, nonce0, nonce1, groups, out);
}
#endif

static void chacha20_portable(const uint32_t *key, uint64_t counter, uint32_t nonce0, uint32_t nonce1, long groups,
                              uint32_t *out) {
    chacha20_groups(key, counter, nonce0, nonce1, groups, out);
}

void syn_chacha20_blocks(const uint32_t *key, uint64_t counter, uint32_t nonce0, uint32_t nonce1, long groups,
                         uint32_t *out) {
#if defined(__x86_64__)
    if (syn_cpu_best_isa() >= SYN_ISA_AVX2) {
        chacha20_avx2(key, counter, nonce0, nonce1, groups, out);
        return;
    }
#endif
    chacha20_portable(key, counter, nonce0, nonce1, groups, out);
}

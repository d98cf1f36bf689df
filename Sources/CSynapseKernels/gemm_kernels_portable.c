// Portable GEMM micro-kernel: 4 rows × 16 columns in plain C. With the column
// count fixed, clang vectorises the inner loops (SSE2 on x86-64, NEON on arm64).
#include "internal.h"

enum { MR = 4, NR = 16 };

/// Accumulates a full MR×NR tile; constant trip counts let clang vectorise.
static void accumulate_full(long k, const float *a, long rsa, long csa, const float *b,
                            long ldb, float acc[MR][NR]) {
    for (long p = 0; p < k; p++) {
        for (int r = 0; r < MR; r++) {
            float av = a[r * rsa];
            for (int j = 0; j < NR; j++) acc[r][j] += av * b[j];
        }
        a += csa;
        b += ldb;
    }
}

/// Accumulates a ragged mr×nr edge tile.
static void accumulate_edge(long k, const float *a, long rsa, long csa, const float *b,
                            long ldb, float acc[MR][NR], int mr, int nr) {
    for (long p = 0; p < k; p++) {
        for (int r = 0; r < mr; r++) {
            float av = a[r * rsa];
            for (int j = 0; j < nr; j++) acc[r][j] += av * b[j];
        }
        a += csa;
        b += ldb;
    }
}

static void tile_portable(long k, const float *a, long rsa, long csa, const float *b, long ldb,
                          float *c, long ldc, float alpha, float beta, int mr, int nr,
                          const float *bias, int relu) {
    float acc[MR][NR] = {{0}};
    if (mr == MR && nr == NR) accumulate_full(k, a, rsa, csa, b, ldb, acc);
    else accumulate_edge(k, a, rsa, csa, b, ldb, acc, mr, nr);
    for (int r = 0; r < mr; r++) {
        float *cr = c + r * ldc;
        if (beta == 0.0f) {
            for (int j = 0; j < nr; j++) cr[j] = alpha * acc[r][j];
        } else {
            for (int j = 0; j < nr; j++) cr[j] = alpha * acc[r][j] + beta * cr[j];
        }
        if (bias != NULL)
            for (int j = 0; j < nr; j++) cr[j] += bias[j];
        if (relu)
            for (int j = 0; j < nr; j++) cr[j] = cr[j] > 0.0f || cr[j] != cr[j] ? cr[j] : 0.0f;
    }
}

const syn_gemm_kernel syn_gemm_kernel_portable = {
    .name = "portable-4x16", .mr = MR, .nr = NR, .tile = tile_portable,
    .pack_bt = syn_pack_bt_portable, .row = NULL,
};

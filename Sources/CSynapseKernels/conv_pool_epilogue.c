// The epilogue of a convolution followed by a 2×2, stride-2 max pool, run on
// a chunk of whole images while the convolution's output is still in cache:
// bias and ReLU are applied to each window's four pixels, which are then
// compared exactly as syn_conv_max_pool compares them (row by row, strict >,
// starting from −∞), so the pooled values and the winners equal those of the
// unfused layers. The backward pass spreads the pooled gradient back to the
// winners, one write per convolution output element.
#include "conv_internal.h"
#include <math.h>
#include <string.h>

/// One window row of syn_conv_pool_epilogue, with compile-time flags for
/// ReLU and for writing the winners.
static inline __attribute__((always_inline)) void
pool_window(const float *restrict p0, const float *restrict p1, const float *restrict p2, const float *restrict p3,
            const float *restrict bias, const int relu, const int keeps_winners, int base, int C, int row,
            float *restrict out, int *restrict where, long channels) {
    for (long c = 0; c < channels; c++) {
        float b = bias[c];
        float v0 = p0[c] + b, v1 = p1[c] + b, v2 = p2[c] + b, v3 = p3[c] + b;
        if (relu) {
            v0 = v0 > 0 ? v0 : 0;
            v1 = v1 > 0 ? v1 : 0;
            v2 = v2 > 0 ? v2 : 0;
            v3 = v3 > 0 ? v3 : 0;
        }
        float best = -INFINITY;
        int at = 0;
        if (v0 > best) { best = v0; at = 0; }
        if (v1 > best) { best = v1; at = C; }
        if (v2 > best) { best = v2; at = row; }
        if (v3 > best) { best = v3; at = row + C; }
        out[c] = best;
        if (keeps_winners) where[c] = base + at + (int)c;
    }
}

static inline __attribute__((always_inline)) void
pool_images(const float *z, const float *bias, const int relu, const int keeps_winners, float *pooled, int *winners,
            long images, long out_h, long out_w, long channels) {
    const long C = channels, row = out_w * C, ph = out_h / 2, pw = out_w / 2;
    for (long n = 0; n < images; n++) {
        const float *image = z + n * out_h * row;
        for (long i = 0; i < ph; i++) {
            for (long j = 0; j < pw; j++, pooled += C) {
                const long base = 2 * i * row + 2 * j * C;
                const float *p0 = image + base;
                pool_window(p0, p0 + C, p0 + row, p0 + row + C, bias, relu, keeps_winners, (int)base, (int)C,
                            (int)row, pooled, winners, C);
                // Without winners (inference) the pointer is NULL and stays so.
                if (keeps_winners) winners += C;
            }
        }
    }
}

SYN_CONV_CLONES void syn_conv_pool_epilogue(const float *z, const float *bias, int relu, float *pooled,
                                            int *winners, long images, long out_h, long out_w, long channels) {
    float zeros[bias ? 1 : channels];
    if (!bias) {
        memset(zeros, 0, sizeof zeros);
        bias = zeros;
    }
    if (relu && winners) pool_images(z, bias, 1, 1, pooled, winners, images, out_h, out_w, channels);
    else if (relu) pool_images(z, bias, 1, 0, pooled, winners, images, out_h, out_w, channels);
    else if (winners) pool_images(z, bias, 0, 1, pooled, winners, images, out_h, out_w, channels);
    else pool_images(z, bias, 0, 0, pooled, winners, images, out_h, out_w, channels);
}

/// One window row of syn_conv_unpool: the four outputs of each channel get
/// the gradient or 0, depending on which of them won (rel is the winner's
/// offset from the window's first element, minus the channel).
static inline __attribute__((always_inline)) void
unpool_window(const float *restrict g, const float *restrict y, const int *restrict w, const int relu, int base,
              int C, int row, float *restrict d0, float *restrict d1, float *restrict d2, float *restrict d3,
              float *restrict sum, long channels) {
    for (long c = 0; c < channels; c++) {
        // Through the ReLU only where the winner was positive.
        float v = relu ? (y[c] > 0 ? g[c] : 0.0f) : g[c];
        int rel = w[c] - (int)c - base;
        d0[c] = rel == 0 ? v : 0.0f;
        d1[c] = rel == C ? v : 0.0f;
        d2[c] = rel == row ? v : 0.0f;
        d3[c] = rel == row + C ? v : 0.0f;
        sum[c] += v;
    }
}

static inline __attribute__((always_inline)) void
unpool_images(const float *dpooled, const float *pooled, const int *winners, const int relu, float *dz,
              float *dbias, long images, long out_h, long out_w, long channels) {
    const long C = channels, row = out_w * C, ph = out_h / 2, pw = out_w / 2;
    // The bias gradient is summed per image, then added: shorter float sums.
    float sum[C];
    for (long n = 0; n < images; n++) {
        memset(sum, 0, sizeof sum);
        float *image = dz + n * out_h * row;
        // An odd last row or column belongs to no window.
        if (out_h % 2) memset(image + (out_h - 1) * row, 0, (size_t)row * sizeof(float));
        for (long i = 0; i < ph; i++) {
            if (out_w % 2) {
                memset(image + 2 * i * row + (out_w - 1) * C, 0, (size_t)C * sizeof(float));
                memset(image + (2 * i + 1) * row + (out_w - 1) * C, 0, (size_t)C * sizeof(float));
            }
            for (long j = 0; j < pw; j++, dpooled += C, pooled += C, winners += C) {
                const long base = 2 * i * row + 2 * j * C;
                float *d0 = image + base;
                unpool_window(dpooled, pooled, winners, relu, (int)base, (int)C, (int)row, d0, d0 + C, d0 + row,
                              d0 + row + C, sum, C);
            }
        }
        if (dbias)
            for (long c = 0; c < C; c++) dbias[c] += sum[c];
    }
}

SYN_CONV_CLONES void syn_conv_unpool(const float *dpooled, const float *pooled, const int *winners, int relu,
                                     float *dz, float *dbias, long images, long out_h, long out_w, long channels) {
    if (relu) unpool_images(dpooled, pooled, winners, 1, dz, dbias, images, out_h, out_w, channels);
    else unpool_images(dpooled, pooled, winners, 0, dz, dbias, images, out_h, out_w, channels);
}

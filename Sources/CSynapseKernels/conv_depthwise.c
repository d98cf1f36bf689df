// Depthwise convolution (one filter group per input channel), computed
// directly: its work per output is too small for a GEMM to pay.
#include "synapse_conv_kernels.h"
#include <string.h>

// Calls body(x_offset, y_offset, w_offset) for every in-image tap of every
// window; offsets point at channel 0.
#define FOR_EACH_TAP(g, n, body)                                                              \
    for (long oh = 0; oh < (g)->out_h; oh++)                                                  \
        for (long ow = 0; ow < (g)->out_w; ow++)                                              \
            for (long i = 0; i < (g)->kernel_h; i++) {                                        \
                long ih = oh * (g)->stride_h - (g)->pad_top + i * (g)->dilation_h;            \
                if (ih < 0 || ih >= (g)->in_h) continue;                                      \
                for (long j = 0; j < (g)->kernel_w; j++) {                                    \
                    long iw = ow * (g)->stride_w - (g)->pad_left + j * (g)->dilation_w;       \
                    if (iw < 0 || iw >= (g)->in_w) continue;                                  \
                    long x_off = (((n) * (g)->in_h + ih) * (g)->in_w + iw) * (g)->channels;   \
                    long y_off = (((n) * (g)->out_h + oh) * (g)->out_w + ow) * out_c;         \
                    long w_off = (i * (g)->kernel_w + j) * out_c;                             \
                    body                                                                      \
                }                                                                             \
            }

void syn_conv_depthwise(const float *x, const float *w, float *y, long multiplier,
                        const syn_window_geometry *g) {
    const long C = g->channels, out_c = C * multiplier;
    memset(y, 0, (size_t)(g->batch * g->out_h * g->out_w * out_c) * sizeof(float));
    for (long n = 0; n < g->batch; n++) {
        FOR_EACH_TAP(g, n, {
            const float *restrict xs = x + x_off;
            const float *restrict ws = w + w_off;
            float *restrict ys = y + y_off;
            for (long c = 0; c < C; c++)
                for (long m = 0; m < multiplier; m++) ys[c * multiplier + m] += xs[c] * ws[c * multiplier + m];
        })
    }
}

void syn_conv_depthwise_backward_input(const float *dy, const float *w, float *dx, long multiplier,
                                       const syn_window_geometry *g) {
    const long C = g->channels, out_c = C * multiplier;
    memset(dx, 0, (size_t)(g->batch * g->in_h * g->in_w * C) * sizeof(float));
    for (long n = 0; n < g->batch; n++) {
        FOR_EACH_TAP(g, n, {
            float *restrict xs = dx + x_off;
            const float *restrict ws = w + w_off;
            const float *restrict ys = dy + y_off;
            for (long c = 0; c < C; c++) {
                float s = 0;
                for (long m = 0; m < multiplier; m++) s += ys[c * multiplier + m] * ws[c * multiplier + m];
                xs[c] += s;
            }
        })
    }
}

void syn_conv_depthwise_backward_kernel(const float *dy, const float *x, float *dw, long multiplier,
                                        const syn_window_geometry *g) {
    const long C = g->channels, out_c = C * multiplier;
    memset(dw, 0, (size_t)(g->kernel_h * g->kernel_w * out_c) * sizeof(float));
    for (long n = 0; n < g->batch; n++) {
        FOR_EACH_TAP(g, n, {
            const float *restrict xs = x + x_off;
            float *restrict ws = dw + w_off;
            const float *restrict ys = dy + y_off;
            for (long c = 0; c < C; c++)
                for (long m = 0; m < multiplier; m++) ws[c * multiplier + m] += xs[c] * ys[c * multiplier + m];
        })
    }
}

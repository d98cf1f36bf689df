// Nearest-neighbour up-sampling of channels-last images and its adjoint.
#include "synapse_conv_kernels.h"
#include <string.h>

void syn_conv_upsample_nearest(const float *x, float *y, long batch, long in_h, long in_w,
                               long channels, long factor_h, long factor_w) {
    const long C = channels, out_w = in_w * factor_w;
    for (long n = 0; n < batch; n++)
        for (long i = 0; i < in_h; i++) {
            const float *src_row = x + ((n * in_h + i) * in_w) * C;
            float *dst_row = y + ((n * in_h + i) * factor_h * out_w) * C;
            for (long j = 0; j < in_w; j++)
                for (long b = 0; b < factor_w; b++)
                    memcpy(dst_row + (j * factor_w + b) * C, src_row + j * C, (size_t)C * sizeof(float));
            for (long a = 1; a < factor_h; a++)
                memcpy(dst_row + a * out_w * C, dst_row, (size_t)(out_w * C) * sizeof(float));
        }
}

void syn_conv_upsample_nearest_backward(const float *dy, float *dx, long batch, long in_h, long in_w,
                                        long channels, long factor_h, long factor_w) {
    const long C = channels, out_w = in_w * factor_w;
    memset(dx, 0, (size_t)(batch * in_h * in_w * C) * sizeof(float));
    for (long n = 0; n < batch; n++)
        for (long i = 0; i < in_h; i++) {
            float *dst_row = dx + ((n * in_h + i) * in_w) * C;
            for (long a = 0; a < factor_h; a++) {
                const float *src_row = dy + (((n * in_h + i) * factor_h + a) * out_w) * C;
                for (long j = 0; j < in_w; j++)
                    for (long b = 0; b < factor_w; b++) {
                        const float *restrict src = src_row + (j * factor_w + b) * C;
                        float *restrict dst = dst_row + j * C;
                        for (long c = 0; c < C; c++) dst[c] += src[c];
                    }
            }
        }
}

// Per-channel statistics and the batch-normalisation backward pass over
// [rows, channels] buffers (rows = batch·height·width for images). Sums are
// accumulated in double per channel, so large batches stay accurate.
#include "synapse_conv_kernels.h"
#include <stdlib.h>
#include <string.h>

void syn_conv_channel_moments(const float *x, long rows, long channels, float *mean, float *var) {
    double *sum = calloc((size_t)channels * 2, sizeof(double));
    double *squares = sum + channels;
    for (long r = 0; r < rows; r++) {
        const float *restrict row = x + r * channels;
        for (long c = 0; c < channels; c++) sum[c] += row[c];
    }
    for (long c = 0; c < channels; c++) sum[c] /= (double)rows;
    for (long r = 0; r < rows; r++) {
        const float *restrict row = x + r * channels;
        for (long c = 0; c < channels; c++) {
            double d = row[c] - sum[c];
            squares[c] += d * d;
        }
    }
    for (long c = 0; c < channels; c++) {
        mean[c] = (float)sum[c];
        var[c] = (float)(squares[c] / (double)rows);
    }
    free(sum);
}

void syn_conv_channel_affine(const float *x, float *y, long rows, long channels,
                             const float *scale, const float *shift) {
    for (long r = 0; r < rows; r++) {
        const float *restrict src = x + r * channels;
        float *restrict dst = y + r * channels;
        for (long c = 0; c < channels; c++) dst[c] = src[c] * scale[c] + shift[c];
    }
}

void syn_conv_batch_norm_backward(const float *x, const float *dy, const float *mean,
                                  const float *inv_std, const float *gamma, float *dx,
                                  float *dgamma, float *dbeta, long rows, long channels) {
    double *sum_dy = calloc((size_t)channels * 2, sizeof(double));
    double *sum_dy_xhat = sum_dy + channels;
    for (long r = 0; r < rows; r++) {
        const float *restrict xr = x + r * channels, *restrict dyr = dy + r * channels;
        for (long c = 0; c < channels; c++) {
            float xhat = (xr[c] - mean[c]) * inv_std[c];
            sum_dy[c] += dyr[c];
            sum_dy_xhat[c] += dyr[c] * xhat;
        }
    }
    for (long c = 0; c < channels; c++) {
        dbeta[c] = (float)sum_dy[c];
        dgamma[c] = (float)sum_dy_xhat[c];
    }
    if (!dx) { free(sum_dy); return; }
    float *coef = malloc((size_t)channels * 3 * sizeof(float));
    float *mean_dy = coef + channels, *mean_dy_xhat = coef + 2 * channels;
    for (long c = 0; c < channels; c++) {
        coef[c] = gamma[c] * inv_std[c];
        mean_dy[c] = (float)(sum_dy[c] / (double)rows);
        mean_dy_xhat[c] = (float)(sum_dy_xhat[c] / (double)rows);
    }
    for (long r = 0; r < rows; r++) {
        const float *restrict xr = x + r * channels, *restrict dyr = dy + r * channels;
        float *restrict dxr = dx + r * channels;
        for (long c = 0; c < channels; c++) {
            float xhat = (xr[c] - mean[c]) * inv_std[c];
            dxr[c] = coef[c] * (dyr[c] - mean_dy[c] - xhat * mean_dy_xhat[c]);
        }
    }
    free(coef);
    free(sum_dy);
}

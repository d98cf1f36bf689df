// The epilogue of a convolution's GEMM: bias and ReLU in one pass, and the
// matching backward pass (ReLU mask and bias gradient in one pass).
#include "conv_internal.h"
#include <string.h>

SYN_CONV_CLONES void syn_conv_bias_activation(float *y, const float *bias, long rows, long channels, int relu) {
    for (long r = 0; r < rows; r++) {
        float *restrict row = y + r * channels;
        if (bias && relu) {
            for (long c = 0; c < channels; c++) {
                float v = row[c] + bias[c];
                row[c] = v > 0 ? v : 0;
            }
        } else if (bias) {
            for (long c = 0; c < channels; c++) row[c] += bias[c];
        } else if (relu) {
            for (long c = 0; c < channels; c++) row[c] = row[c] > 0 ? row[c] : 0;
        }
    }
}

/// dz = dy where y > 0, else 0; sum[c] += dz (sum may be NULL). The pointers
/// are restrict: the caller handles dz == dy separately.
SYN_CONV_CLONES static void relu_mask_rows(const float *restrict dy, const float *restrict y, float *restrict dz,
                                           float *restrict sum, long rows, long channels) {
    for (long r = 0; r < rows; r++, dy += channels, y += channels, dz += channels) {
        if (sum) {
            for (long c = 0; c < channels; c++) {
                float v = y[c] > 0 ? dy[c] : 0;
                dz[c] = v;
                sum[c] += v;
            }
        } else {
            for (long c = 0; c < channels; c++) dz[c] = y[c] > 0 ? dy[c] : 0;
        }
    }
}

/// relu_mask_rows in place (dz == dy).
SYN_CONV_CLONES static void relu_mask_rows_in_place(float *restrict dz, const float *restrict y,
                                                    float *restrict sum, long rows, long channels) {
    for (long r = 0; r < rows; r++, y += channels, dz += channels) {
        if (sum) {
            for (long c = 0; c < channels; c++) {
                float v = y[c] > 0 ? dz[c] : 0;
                dz[c] = v;
                sum[c] += v;
            }
        } else {
            for (long c = 0; c < channels; c++) dz[c] = y[c] > 0 ? dz[c] : 0;
        }
    }
}

/// sum[c] += Σ_r x[r, c].
SYN_CONV_CLONES static void add_column_sums(const float *restrict x, float *restrict sum, long rows, long channels) {
    for (long r = 0; r < rows; r++, x += channels)
        for (long c = 0; c < channels; c++) sum[c] += x[c];
}

void syn_conv_relu_mask_accumulate(const float *dy, const float *y, float *dz, float *dbias,
                                   long rows, long channels, int relu) {
    if (relu) {
        if (dz == dy) relu_mask_rows_in_place(dz, y, dbias, rows, channels);
        else relu_mask_rows(dy, y, dz, dbias, rows, channels);
        return;
    }
    if (dz != dy) memcpy(dz, dy, (size_t)(rows * channels) * sizeof(float));
    if (dbias) add_column_sums(dy, dbias, rows, channels);
}

void syn_conv_bias_activation_backward(const float *dy, const float *y, float *dz, float *dbias,
                                       long rows, long channels, int relu) {
    if (dbias) memset(dbias, 0, (size_t)channels * sizeof(float));
    syn_conv_relu_mask_accumulate(dy, y, dz, dbias, rows, channels, relu);
}

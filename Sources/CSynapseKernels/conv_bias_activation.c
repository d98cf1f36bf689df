// The epilogue of a convolution's GEMM: bias and ReLU in one pass, and the
// matching backward pass (ReLU mask and bias gradient in one pass).
#include "synapse_conv_kernels.h"
#include <string.h>

void syn_conv_bias_activation(float *y, const float *bias, long rows, long channels, int relu) {
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

void syn_conv_relu_mask_accumulate(const float *dy, const float *y, float *dz, float *dbias,
                                   long rows, long channels, int relu) {
    for (long r = 0; r < rows; r++) {
        const float *dy_row = dy + r * channels, *restrict y_row = y + r * channels;
        float *dz_row = dz + r * channels;
        if (relu) {
            // dz may alias dy (same element read, then written): element-wise safe.
            if (dbias) {
                float *restrict sum = dbias;
                for (long c = 0; c < channels; c++) {
                    float v = y_row[c] > 0 ? dy_row[c] : 0;
                    dz_row[c] = v;
                    sum[c] += v;
                }
            } else {
                for (long c = 0; c < channels; c++) dz_row[c] = y_row[c] > 0 ? dy_row[c] : 0;
            }
        } else {
            if (dz_row != dy_row) memcpy(dz_row, dy_row, (size_t)channels * sizeof(float));
            if (dbias) {
                float *restrict sum = dbias;
                const float *restrict src = dy_row;
                for (long c = 0; c < channels; c++) sum[c] += src[c];
            }
        }
    }
}

void syn_conv_bias_activation_backward(const float *dy, const float *y, float *dz, float *dbias,
                                       long rows, long channels, int relu) {
    if (dbias) memset(dbias, 0, (size_t)channels * sizeof(float));
    syn_conv_relu_mask_accumulate(dy, y, dz, dbias, rows, channels, relu);
}

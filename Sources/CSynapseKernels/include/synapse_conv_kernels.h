// The C interface of Synapse's convolution, pooling and normalisation
// kernels. Images are channels-last (NHWC) row-major float32 buffers.
#ifndef SYNAPSE_CONV_KERNELS_H
#define SYNAPSE_CONV_KERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// How a 2-D sliding window (convolution or pooling) meets an image: the
/// input size, the output size, the window, its step, its dilation and the
/// zero padding before the first row and column (the padding after them is
/// implied by the output size).
typedef struct {
    long batch;
    long in_h, in_w, channels;
    long out_h, out_w;
    long kernel_h, kernel_w;
    long stride_h, stride_w;
    long dilation_h, dilation_w;
    long pad_top, pad_left;
} syn_window_geometry;

// ---- im2col / col2im ------------------------------------------------------
/// Unfolds each window into one row of `cols`: cols is
/// [batch·out_h·out_w, kernel_h·kernel_w·channels], columns ordered
/// (kernel row, kernel column, channel) like a Keras kernel [kh, kw, in, out].
/// Padding positions are written as 0. Runs on the thread pool.
void syn_conv_im2col(const float *x, float *cols, const syn_window_geometry *g);
/// The adjoint of syn_conv_im2col: x = Σ over windows of their rows of cols
/// (x is overwritten, not accumulated). Runs on the thread pool.
void syn_conv_col2im(const float *cols, float *x, const syn_window_geometry *g);

// ---- Whole convolutions, chunked ------------------------------------------
/// y = act(conv(x, w) + bias) without building the whole im2col matrix: the
/// batch is processed in cache-sized chunks of pixels, spread over the
/// thread pool. x is NHWC per `g`, w is [kernel_h·kernel_w·channels, filters]
/// (Keras's [kh, kw, in, out]), y is [batch·out_h·out_w, filters]
/// (overwritten). bias may be NULL; relu non-zero applies max(·, 0).
void syn_conv2d_forward(const float *x, const float *w, const float *bias, float *y, long filters,
                        int relu, const syn_window_geometry *g);
/// The backward pass of syn_conv2d_forward, given its output y (for the ReLU
/// mask) and the output gradient dy. Each of dx (input gradient, NHWC), dw
/// (kernel gradient) and dbias may be NULL when not wanted; the others are
/// overwritten.
void syn_conv2d_backward(const float *x, const float *w, const float *y, const float *dy, long filters,
                         int relu, float *dx, float *dw, float *dbias, const syn_window_geometry *g);

/// syn_conv2d_forward followed by a 2×2, stride-2 `valid` max pool, fused:
/// pooled [batch, out_h / 2, out_w / 2, filters] = maxpool(act(conv + bias)),
/// computed a few whole images at a time, so the convolution's output is
/// never stored. winners (may be NULL for inference) receives, per pooled
/// element, the flat index within its image of the winning convolution
/// output element, as syn_conv_max_pool's argmax does.
void syn_conv2d_max_pool_forward(const float *x, const float *w, const float *bias, float *pooled,
                                 int *winners, long filters, int relu, const syn_window_geometry *g);
/// The backward pass of syn_conv2d_max_pool_forward from the pooled output,
/// the winners and the pooled gradient dpooled. dx, dw and dbias are as in
/// syn_conv2d_backward (each may be NULL; the others are overwritten).
void syn_conv2d_max_pool_backward(const float *x, const float *w, const float *pooled, const int *winners,
                                  const float *dpooled, long filters, int relu, float *dx, float *dw,
                                  float *dbias, const syn_window_geometry *g);

// ---- Bias and ReLU epilogue -----------------------------------------------
/// y[r, c] = (y[r, c] + bias[c]), then max(·, 0) when relu is non-zero.
/// bias may be NULL.
void syn_conv_bias_activation(float *y, const float *bias, long rows, long channels, int relu);
/// The backward pass of syn_conv_bias_activation: dz = dy masked by y > 0
/// when relu is non-zero (else a copy; dz may alias dy), and, when dbias is
/// not NULL, dbias[c] = Σ_r dz[r, c].
void syn_conv_bias_activation_backward(const float *dy, const float *y, float *dz, float *dbias,
                                       long rows, long channels, int relu);
/// As syn_conv_bias_activation_backward, but adds Σ_r dz[r, c] into dbias
/// (which is not zeroed first) when dbias is not NULL.
void syn_conv_relu_mask_accumulate(const float *dy, const float *y, float *dz, float *dbias,
                                   long rows, long channels, int relu);

// ---- Pooling --------------------------------------------------------------
/// Max over each window (padding never wins). argmax receives, per output
/// element, the flat index within its image of the input element chosen;
/// it may be NULL when no backward pass follows.
void syn_conv_max_pool(const float *x, float *y, int *argmax, const syn_window_geometry *g);
/// dx = 0, then dx[argmax] += dy, per image.
void syn_conv_max_pool_backward(const float *dy, const int *argmax, float *dx, const syn_window_geometry *g);
/// Mean over each window's in-image elements (padding is not counted).
void syn_conv_avg_pool(const float *x, float *y, const syn_window_geometry *g);
/// The adjoint of syn_conv_avg_pool (dx is overwritten).
void syn_conv_avg_pool_backward(const float *dy, float *dx, const syn_window_geometry *g);

// ---- Depthwise convolution ------------------------------------------------
/// y[n, oh, ow, c·m + j] = Σ x[n, ih, iw, c] · w[kh, kw, c, j] for a kernel of
/// shape [kernel_h, kernel_w, channels, multiplier]. y is overwritten.
void syn_conv_depthwise(const float *x, const float *w, float *y, long multiplier,
                        const syn_window_geometry *g);
/// The input gradient of syn_conv_depthwise (dx is overwritten).
void syn_conv_depthwise_backward_input(const float *dy, const float *w, float *dx, long multiplier,
                                       const syn_window_geometry *g);
/// The kernel gradient of syn_conv_depthwise (dw is overwritten).
void syn_conv_depthwise_backward_kernel(const float *dy, const float *x, float *dw, long multiplier,
                                        const syn_window_geometry *g);

// ---- Nearest-neighbour up-sampling ----------------------------------------
/// y[n, i, j, c] = x[n, i / factor_h, j / factor_w, c]; y is
/// [batch, in_h·factor_h, in_w·factor_w, channels].
void syn_conv_upsample_nearest(const float *x, float *y, long batch, long in_h, long in_w,
                               long channels, long factor_h, long factor_w);
/// The adjoint: dx[n, i, j, c] = Σ over its factor_h×factor_w block of dy.
void syn_conv_upsample_nearest_backward(const float *dy, float *dx, long batch, long in_h, long in_w,
                                        long channels, long factor_h, long factor_w);

// ---- Batch normalisation over rows of channels ----------------------------
/// Per channel c of x [rows, channels]: mean[c] and the biased variance var[c].
void syn_conv_channel_moments(const float *x, long rows, long channels, float *mean, float *var);
/// y[r, c] = x[r, c] · scale[c] + shift[c].
void syn_conv_channel_affine(const float *x, float *y, long rows, long channels,
                             const float *scale, const float *shift);
/// The backward pass of y = γ·(x − mean)·inv_std + β with batch statistics:
/// writes dgamma[c] = Σ dy·x̂ and dbeta[c] = Σ dy, and, when dx is not NULL,
/// dx = γ·inv_std/rows · (rows·dy − dbeta − x̂·dgamma).
void syn_conv_batch_norm_backward(const float *x, const float *dy, const float *mean,
                                  const float *inv_std, const float *gamma, float *dx,
                                  float *dgamma, float *dbeta, long rows, long channels);

#ifdef __cplusplus
}
#endif
#endif

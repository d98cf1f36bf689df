// Declarations shared by the convolution kernel files (not public).
#ifndef SYNAPSE_CONV_INTERNAL_H
#define SYNAPSE_CONV_INTERNAL_H

#include "synapse_conv_kernels.h"

/// Memory-bound loops over channels are compiled for AVX-512, AVX2 and the
/// baseline, picked at load time (GNU ifunc), where the toolchain supports it.
#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define SYN_CONV_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define SYN_CONV_CLONES
#endif

/// im2col for the output pixels [r0, r1) of the whole batch (pixel index
/// n·out_h·out_w + oh·out_w + ow): writes (r1 − r0) rows to `cols`.
void syn_conv_im2col_rows(const float *x, float *cols, const syn_window_geometry *g, long r0, long r1);
/// The adjoint for the pixels [r0, r1): adds their rows of `cols` into x
/// (accumulates; the caller zeroes x first).
void syn_conv_col2im_rows_add(const float *cols, float *x, const syn_window_geometry *g, long r0, long r1);

/// Implicit-GEMM convolution of one image for a stride-1, unpadded window
/// (see conv_implicit_avx512.c; only with the AVX-512 GEMM kernel):
/// out[p, f] = Σ_k image[p·channels + k_off[k]] · w[k, f] for the `pixels`
/// pixels p counted over full input rows (p = oh·in_w + ow).
void syn_conv_implicit_forward(const float *image, const long *k_off, long depth, long pixels, long channels,
                               const float *w, long filters, float *out);
/// The kernel gradient of syn_conv_implicit_forward: dw[k, f] (+)=
/// Σ_p image[p·channels + k_off[k]] · dz[p, f] (added when accumulate is
/// non-zero). dz must be zero on the columns ow >= out_w.
void syn_conv_implicit_kernel_gradient(const float *image, const long *k_off, long depth, long pixels,
                                       long channels, const float *dz, long filters, float *dw, int accumulate);

/// For a convolution output z of `images` whole images [out_h, out_w,
/// channels], stored with rows of `pitch` >= out_w pixels (the last row of
/// the last image may stop at out_w): pooled = 2×2/stride-2 max of
/// act(z + bias) (bias may be NULL, act is ReLU when relu is non-zero, else
/// the identity), and, when winners is not NULL, the flat index of each
/// window's winner within its image of [out_h, out_w, channels]. An odd
/// last row or column of z is dropped, as by a `valid` pool.
void syn_conv_pool_epilogue(const float *z, const float *bias, int relu, float *pooled, int *winners,
                            long images, long out_h, long out_w, long pitch, long channels);
/// The backward pass of syn_conv_pool_epilogue for `images` whole images:
/// dz (the gradient of z, with the same pitch) holds dpooled at each winner (masked by
/// pooled > 0 when relu is non-zero) and 0 elsewhere; dbias, when not NULL,
/// has the masked dpooled added per channel.
void syn_conv_unpool(const float *dpooled, const float *pooled, const int *winners, int relu, float *dz,
                     float *dbias, long images, long out_h, long out_w, long pitch, long channels);

#endif

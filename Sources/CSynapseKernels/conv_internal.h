// Declarations shared by the convolution kernel files (not public).
#ifndef SYNAPSE_CONV_INTERNAL_H
#define SYNAPSE_CONV_INTERNAL_H

#include "synapse_conv_kernels.h"

/// Memory-bound loops over channels are compiled for AVX-512, AVX2 and the
/// baseline, picked at load time (GNU ifunc), where the toolchain supports it.
///
/// Not under Thread Sanitizer: an ifunc resolver runs while the program is
/// loaded, before the sanitizer's runtime is ready, and its instrumented entry
/// (`__tsan_func_entry`) crashes. The baseline versions are used there.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SYN_SANITIZING_THREADS 1
#endif
#endif
#if defined(__x86_64__) && defined(__linux__) && defined(__clang__) && !defined(SYN_SANITIZING_THREADS)
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

/// Implicit-GEMM convolution of one image for an unpadded window (see
/// conv_implicit_avx512.c; only with the AVX-512 GEMM kernel):
/// out[p, f] = Σ_k image[pixel_off[p] + depth_off[k]] · w[k, f], where
/// pixel_off[p] is where output pixel p's window starts in the image and
/// depth_off[k] where depth index k (kernel row, column, channel) is in it.
void syn_conv_implicit_forward(const float *image, const long *depth_off, long depth, const long *pixel_off,
                               long pixels, const float *w, long filters, float *out);
/// The kernel gradient of syn_conv_implicit_forward: dw[k, f] (+)=
/// Σ_p image[pixel_off[p] + depth_off[k]] · dz[p, f] (added to dw when
/// accumulate is non-zero).
void syn_conv_implicit_kernel_gradient(const float *image, const long *depth_off, long depth, const long *pixel_off,
                                       long pixels, const float *dz, long filters, float *dw, int accumulate);

/// For a convolution output z of `images` whole images [out_h, out_w,
/// channels]: pooled = 2×2/stride-2 max of act(z + bias) (bias may be NULL,
/// act is ReLU when relu is non-zero, else the identity), and, when winners
/// is not NULL, the flat index within its image of each window's winner.
/// An odd last row or column of z is dropped, as by a `valid` pool.
void syn_conv_pool_epilogue(const float *z, const float *bias, int relu, float *pooled, int *winners,
                            long images, long out_h, long out_w, long channels);
/// The backward pass of syn_conv_pool_epilogue for `images` whole images:
/// dz (the gradient of z) holds dpooled at each winner (masked by
/// pooled > 0 when relu is non-zero) and 0 elsewhere; dbias, when not NULL,
/// has the masked dpooled added per channel.
void syn_conv_unpool(const float *dpooled, const float *pooled, const int *winners, int relu, float *dz,
                     float *dbias, long images, long out_h, long out_w, long channels);

#endif

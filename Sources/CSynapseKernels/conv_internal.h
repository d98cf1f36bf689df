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

#endif

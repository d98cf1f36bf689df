// im2col and col2im for channels-last images, so that a convolution becomes
// one GEMM: cols [pixels, kh·kw·C] × kernel [kh·kw·C, filters].
#include "conv_internal.h"
#include "synapse_kernels.h"
#include <string.h>

// Runs are copied inline (a 3-wide window of 32 channels is 96 floats, of 1
// channel 3): a memcpy call per run costs more than the copy. no_builtin
// keeps clang from turning these loops back into memcpy/memset calls; the
// row functions are compiled per instruction set (SYN_CONV_CLONES).
__attribute__((no_builtin("memcpy"))) static inline __attribute__((always_inline)) void copy_run(float *restrict dst, const float *restrict src,
                                                                  long n) {
    if (n > 256) { memcpy(dst, src, (size_t)n * sizeof(float)); return; }
    for (long i = 0; i < n; i++) dst[i] = src[i];
}

__attribute__((no_builtin("memset"))) static inline __attribute__((always_inline)) void zero_run(float *dst, long n) {
    if (n > 32) { memset(dst, 0, (size_t)n * sizeof(float)); return; }
    for (long i = 0; i < n; i++) dst[i] = 0;
}

static inline void add_run(float *restrict dst, const float *restrict src, long n) {
    for (long i = 0; i < n; i++) dst[i] += src[i];
}

// One kernel row of one window: kernel_w·channels consecutive column entries.
static void im2col_kernel_row(const float *image_row, float *out, const syn_window_geometry *g,
                              long iw0) {
    const long C = g->channels, kw = g->kernel_w, dw = g->dilation_w;
    if (dw == 1) {
        // The window row is contiguous in NHWC: copy its in-image part at once.
        long first = iw0 < 0 ? -iw0 : 0;
        long last = iw0 + kw > g->in_w ? g->in_w - iw0 : kw;
        if (first >= last) { zero_run(out, kw * C); return; }
        if (first > 0) zero_run(out, first * C);
        copy_run(out + first * C, image_row + (iw0 + first) * C, (last - first) * C);
        if (last < kw) zero_run(out + last * C, (kw - last) * C);
        return;
    }
    for (long j = 0; j < kw; j++) {
        long iw = iw0 + j * dw;
        if (iw < 0 || iw >= g->in_w) zero_run(out + j * C, C);
        else copy_run(out + j * C, image_row + iw * C, C);
    }
}

/// One window (output pixel oh, ow of `image`) into one row of cols.
static inline __attribute__((always_inline)) void im2col_pixel(const float *image, float *out,
                                                               const syn_window_geometry *g, long oh, long ow) {
    const long C = g->channels, kw = g->kernel_w;
    long ih0 = oh * g->stride_h - g->pad_top;
    long iw0 = ow * g->stride_w - g->pad_left;
    if (g->dilation_w == 1 && ih0 >= 0 && ih0 + (g->kernel_h - 1) * g->dilation_h < g->in_h && iw0 >= 0 &&
        iw0 + kw <= g->in_w) {
        // Inside the image: each kernel row is one contiguous run.
        const float *src = image + (ih0 * g->in_w + iw0) * C;
        for (long i = 0; i < g->kernel_h; i++, out += kw * C, src += g->dilation_h * g->in_w * C)
            copy_run(out, src, kw * C);
        return;
    }
    for (long i = 0; i < g->kernel_h; i++) {
        long ih = ih0 + i * g->dilation_h;
        float *dst = out + i * kw * C;
        if (ih < 0 || ih >= g->in_h) { zero_run(dst, kw * C); continue; }
        im2col_kernel_row(image + ih * g->in_w * C, dst, g, iw0);
    }
}

/// Adds one row of cols back into its window of `image`.
static void col2im_pixel(const float *in, float *image, const syn_window_geometry *g, long oh, long ow) {
    const long C = g->channels, kw = g->kernel_w;
    long ih0 = oh * g->stride_h - g->pad_top;
    long iw0 = ow * g->stride_w - g->pad_left;
    for (long i = 0; i < g->kernel_h; i++) {
        long ih = ih0 + i * g->dilation_h;
        if (ih < 0 || ih >= g->in_h) continue;
        float *image_row = image + ih * g->in_w * C;
        const float *src = in + i * kw * C;
        if (g->dilation_w == 1) {
            long first = iw0 < 0 ? -iw0 : 0;
            long last = iw0 + kw > g->in_w ? g->in_w - iw0 : kw;
            if (first < last) add_run(image_row + (iw0 + first) * C, src + first * C, (last - first) * C);
            continue;
        }
        for (long j = 0; j < kw; j++) {
            long iw = iw0 + j * g->dilation_w;
            if (iw >= 0 && iw < g->in_w) add_run(image_row + iw * C, src + j * C, C);
        }
    }
}

SYN_CONV_CLONES void syn_conv_im2col_rows(const float *x, float *cols, const syn_window_geometry *g, long r0, long r1) {
    const long pixels = g->out_h * g->out_w, row_len = g->kernel_h * g->kernel_w * g->channels;
    const long image_size = g->in_h * g->in_w * g->channels;
    long n = r0 / pixels, q = r0 % pixels, oh = q / g->out_w, ow = q % g->out_w;
    for (long r = r0; r < r1; r++, cols += row_len) {
        im2col_pixel(x + n * image_size, cols, g, oh, ow);
        if (++ow == g->out_w) { ow = 0; if (++oh == g->out_h) { oh = 0; n++; } }
    }
}

SYN_CONV_CLONES void syn_conv_col2im_rows_add(const float *cols, float *x, const syn_window_geometry *g, long r0, long r1) {
    const long pixels = g->out_h * g->out_w, row_len = g->kernel_h * g->kernel_w * g->channels;
    const long image_size = g->in_h * g->in_w * g->channels;
    long n = r0 / pixels, q = r0 % pixels, oh = q / g->out_w, ow = q % g->out_w;
    for (long r = r0; r < r1; r++, cols += row_len) {
        col2im_pixel(cols, x + n * image_size, g, oh, ow);
        if (++ow == g->out_w) { ow = 0; if (++oh == g->out_h) { oh = 0; n++; } }
    }
}

typedef struct {
    const float *src;
    float *dst;
    const syn_window_geometry *g;
} conv_job;

static void im2col_image(void *context, long n) {
    const conv_job *job = context;
    const long pixels = job->g->out_h * job->g->out_w;
    const long row_len = job->g->kernel_h * job->g->kernel_w * job->g->channels;
    syn_conv_im2col_rows(job->src, job->dst + n * pixels * row_len, job->g, n * pixels, (n + 1) * pixels);
}

void syn_conv_im2col(const float *x, float *cols, const syn_window_geometry *g) {
    conv_job job = { x, cols, g };
    syn_parallel_for(g->batch, im2col_image, &job);
}

static void col2im_image(void *context, long n) {
    const conv_job *job = context;
    const syn_window_geometry *g = job->g;
    const long pixels = g->out_h * g->out_w, row_len = g->kernel_h * g->kernel_w * g->channels;
    const long image_size = g->in_h * g->in_w * g->channels;
    memset(job->dst + n * image_size, 0, (size_t)image_size * sizeof(float));
    syn_conv_col2im_rows_add(job->src + n * pixels * row_len, job->dst, g, n * pixels, (n + 1) * pixels);
}

void syn_conv_col2im(const float *cols, float *x, const syn_window_geometry *g) {
    conv_job job = { cols, x, g };
    syn_parallel_for(g->batch, col2im_image, &job);
}

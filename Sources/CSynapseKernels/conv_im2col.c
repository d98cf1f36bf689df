// im2col and col2im for channels-last images, so that a convolution becomes
// one GEMM: cols [pixels, kh·kw·C] × kernel [kh·kw·C, filters].
#include "synapse_conv_kernels.h"
#include "synapse_kernels.h"
#include <string.h>

typedef struct {
    const float *src;
    float *dst;
    const syn_window_geometry *g;
} conv_job;

// One kernel row of one window: kernel_w·channels consecutive column entries.
static void im2col_kernel_row(const float *image_row, float *out, const syn_window_geometry *g,
                              long iw0) {
    const long C = g->channels, kw = g->kernel_w, dw = g->dilation_w;
    if (dw == 1) {
        // The window row is contiguous in NHWC: copy its in-image part at once.
        long first = iw0 < 0 ? -iw0 : 0;
        long last = iw0 + kw > g->in_w ? g->in_w - iw0 : kw;
        if (first >= last) { memset(out, 0, (size_t)(kw * C) * sizeof(float)); return; }
        if (first > 0) memset(out, 0, (size_t)(first * C) * sizeof(float));
        memcpy(out + first * C, image_row + (iw0 + first) * C, (size_t)((last - first) * C) * sizeof(float));
        if (last < kw) memset(out + last * C, 0, (size_t)((kw - last) * C) * sizeof(float));
        return;
    }
    for (long j = 0; j < kw; j++) {
        long iw = iw0 + j * dw;
        if (iw < 0 || iw >= g->in_w) memset(out + j * C, 0, (size_t)C * sizeof(float));
        else memcpy(out + j * C, image_row + iw * C, (size_t)C * sizeof(float));
    }
}

static void im2col_image(void *context, long n) {
    const conv_job *job = context;
    const syn_window_geometry *g = job->g;
    const long C = g->channels, kw = g->kernel_w;
    const long row_len = g->kernel_h * kw * C;
    const float *image = job->src + n * g->in_h * g->in_w * C;
    float *out = job->dst + n * g->out_h * g->out_w * row_len;
    for (long oh = 0; oh < g->out_h; oh++) {
        for (long ow = 0; ow < g->out_w; ow++, out += row_len) {
            long ih0 = oh * g->stride_h - g->pad_top;
            long iw0 = ow * g->stride_w - g->pad_left;
            for (long i = 0; i < g->kernel_h; i++) {
                long ih = ih0 + i * g->dilation_h;
                float *dst = out + i * kw * C;
                if (ih < 0 || ih >= g->in_h) { memset(dst, 0, (size_t)(kw * C) * sizeof(float)); continue; }
                im2col_kernel_row(image + ih * g->in_w * C, dst, g, iw0);
            }
        }
    }
}

void syn_conv_im2col(const float *x, float *cols, const syn_window_geometry *g) {
    conv_job job = { x, cols, g };
    syn_parallel_for(g->batch, im2col_image, &job);
}

static void add_into(float *restrict dst, const float *restrict src, long n) {
    for (long i = 0; i < n; i++) dst[i] += src[i];
}

static void col2im_image(void *context, long n) {
    const conv_job *job = context;
    const syn_window_geometry *g = job->g;
    const long C = g->channels, kw = g->kernel_w;
    const long row_len = g->kernel_h * kw * C;
    float *image = job->dst + n * g->in_h * g->in_w * C;
    const float *in = job->src + n * g->out_h * g->out_w * row_len;
    memset(image, 0, (size_t)(g->in_h * g->in_w * C) * sizeof(float));
    for (long oh = 0; oh < g->out_h; oh++) {
        for (long ow = 0; ow < g->out_w; ow++, in += row_len) {
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
                    if (first < last)
                        add_into(image_row + (iw0 + first) * C, src + first * C, (last - first) * C);
                    continue;
                }
                for (long j = 0; j < kw; j++) {
                    long iw = iw0 + j * g->dilation_w;
                    if (iw >= 0 && iw < g->in_w) add_into(image_row + iw * C, src + j * C, C);
                }
            }
        }
    }
}

void syn_conv_col2im(const float *cols, float *x, const syn_window_geometry *g) {
    conv_job job = { cols, x, g };
    syn_parallel_for(g->batch, col2im_image, &job);
}

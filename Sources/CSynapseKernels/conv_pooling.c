// Max and average pooling over channels-last images, forward and backward,
// one image per thread-pool task; inner loops run along channels.
#include "conv_internal.h"
#include "synapse_kernels.h"
#include <math.h>
#include <string.h>

typedef struct {
    const float *x;
    float *y;
    int *argmax;
    const int *argmax_in;
    const syn_window_geometry *g;
} pool_job;

// The in-image range [*first, *last) of window positions along one axis.
static void window_range(long origin, long kernel, long dilation, long size, long *first, long *last) {
    long lo = 0, hi = kernel;
    while (lo < hi && origin + lo * dilation < 0) lo++;
    while (hi > lo && origin + (hi - 1) * dilation >= size) hi--;
    *first = lo;
    *last = hi;
}

static void max_pool_image(void *context, long n) {
    const pool_job *job = context;
    const syn_window_geometry *g = job->g;
    const long C = g->channels;
    const float *image = job->x + n * g->in_h * g->in_w * C;
    float *out = job->y + n * g->out_h * g->out_w * C;
    // Without an argmax buffer the winners go to a per-row scratch.
    int scratch[C > 0 && !job->argmax ? C : 1];
    int *arg = job->argmax ? job->argmax + n * g->out_h * g->out_w * C : scratch;
    const long arg_step = job->argmax ? C : 0;
    for (long oh = 0; oh < g->out_h; oh++) {
        long ih0 = oh * g->stride_h - g->pad_top, i0, i1;
        window_range(ih0, g->kernel_h, g->dilation_h, g->in_h, &i0, &i1);
        for (long ow = 0; ow < g->out_w; ow++, out += C, arg += arg_step) {
            long iw0 = ow * g->stride_w - g->pad_left, j0, j1;
            window_range(iw0, g->kernel_w, g->dilation_w, g->in_w, &j0, &j1);
            for (long c = 0; c < C; c++) { out[c] = -INFINITY; arg[c] = 0; }
            for (long i = i0; i < i1; i++) {
                long ih = ih0 + i * g->dilation_h;
                for (long j = j0; j < j1; j++) {
                    long base = (ih * g->in_w + iw0 + j * g->dilation_w) * C;
                    const float *restrict src = image + base;
                    float *restrict best = out;
                    int *restrict where = arg;
                    for (long c = 0; c < C; c++) {
                        int better = src[c] > best[c];
                        best[c] = better ? src[c] : best[c];
                        where[c] = better ? (int)(base + c) : where[c];
                    }
                }
            }
        }
    }
}

/// Whether the windows are 2×2, stride 2, unpadded and wholly inside the
/// image (Keras's MaxPooling2D(2) with `valid` padding, or `same` on even sizes).
static int is_plain_2x2(const syn_window_geometry *g) {
    return g->kernel_h == 2 && g->kernel_w == 2 && g->stride_h == 2 && g->stride_w == 2 &&
           g->dilation_h == 1 && g->dilation_w == 1 && g->pad_top == 0 && g->pad_left == 0 &&
           2 * g->out_h <= g->in_h && 2 * g->out_w <= g->in_w;
}

/// max_pool_image for plain 2×2 windows: the four candidates are compared in
/// the generic order (row by row, strict >, starting from −∞), one channel
/// vector at a time.
SYN_CONV_CLONES static void max_pool_2x2_image(void *context, long n) {
    const pool_job *job = context;
    const syn_window_geometry *g = job->g;
    const long C = g->channels, row = g->in_w * C;
    const float *image = job->x + n * g->in_h * row;
    float *out = job->y + n * g->out_h * g->out_w * C;
    int *arg = job->argmax + n * g->out_h * g->out_w * C;
    for (long oh = 0; oh < g->out_h; oh++) {
        for (long ow = 0; ow < g->out_w; ow++, out += C, arg += C) {
            const long base = 2 * oh * row + 2 * ow * C;
            const float *restrict p0 = image + base, *restrict p1 = p0 + C;
            const float *restrict p2 = p0 + row, *restrict p3 = p2 + C;
            float *restrict best_out = out;
            int *restrict where_out = arg;
            for (long c = 0; c < C; c++) {
                float best = -INFINITY;
                int where = 0;
                if (p0[c] > best) { best = p0[c]; where = (int)(base + c); }
                if (p1[c] > best) { best = p1[c]; where = (int)(base + C + c); }
                if (p2[c] > best) { best = p2[c]; where = (int)(base + row + c); }
                if (p3[c] > best) { best = p3[c]; where = (int)(base + row + C + c); }
                best_out[c] = best;
                where_out[c] = where;
            }
        }
    }
}

/// max_pool_2x2_image without the argmax (inference).
SYN_CONV_CLONES static void max_pool_2x2_values_image(void *context, long n) {
    const pool_job *job = context;
    const syn_window_geometry *g = job->g;
    const long C = g->channels, row = g->in_w * C;
    const float *image = job->x + n * g->in_h * row;
    float *out = job->y + n * g->out_h * g->out_w * C;
    for (long oh = 0; oh < g->out_h; oh++) {
        for (long ow = 0; ow < g->out_w; ow++, out += C) {
            const float *restrict p0 = image + 2 * oh * row + 2 * ow * C, *restrict p1 = p0 + C;
            const float *restrict p2 = p0 + row, *restrict p3 = p2 + C;
            float *restrict best_out = out;
            for (long c = 0; c < C; c++) {
                float best = -INFINITY;
                best = p0[c] > best ? p0[c] : best;
                best = p1[c] > best ? p1[c] : best;
                best = p2[c] > best ? p2[c] : best;
                best = p3[c] > best ? p3[c] : best;
                best_out[c] = best;
            }
        }
    }
}

void syn_conv_max_pool(const float *x, float *y, int *argmax, const syn_window_geometry *g) {
    pool_job job = { x, y, argmax, NULL, g };
    syn_task_fn fn = max_pool_image;
    if (is_plain_2x2(g)) fn = argmax ? max_pool_2x2_image : max_pool_2x2_values_image;
    syn_parallel_for(g->batch, fn, &job);
}

static void max_pool_backward_image(void *context, long n) {
    const pool_job *job = context;
    const syn_window_geometry *g = job->g;
    const long in_size = g->in_h * g->in_w * g->channels;
    const long out_size = g->out_h * g->out_w * g->channels;
    float *dx = job->y + n * in_size;
    const float *dy = job->x + n * out_size;
    const int *arg = job->argmax_in + n * out_size;
    memset(dx, 0, (size_t)in_size * sizeof(float));
    for (long k = 0; k < out_size; k++) dx[arg[k]] += dy[k];
}

void syn_conv_max_pool_backward(const float *dy, const int *argmax, float *dx, const syn_window_geometry *g) {
    pool_job job = { dy, dx, NULL, argmax, g };
    // A dedicated 2×2 pass (one write per input element, no memset) measured 2×
    // slower than memset + scatter, which stays in cache per image.
    syn_parallel_for(g->batch, max_pool_backward_image, &job);
}

static void avg_pool_image(void *context, long n) {
    const pool_job *job = context;
    const syn_window_geometry *g = job->g;
    const long C = g->channels;
    const float *image = job->x + n * g->in_h * g->in_w * C;
    float *out = job->y + n * g->out_h * g->out_w * C;
    for (long oh = 0; oh < g->out_h; oh++) {
        long ih0 = oh * g->stride_h - g->pad_top, i0, i1;
        window_range(ih0, g->kernel_h, g->dilation_h, g->in_h, &i0, &i1);
        for (long ow = 0; ow < g->out_w; ow++, out += C) {
            long iw0 = ow * g->stride_w - g->pad_left, j0, j1;
            window_range(iw0, g->kernel_w, g->dilation_w, g->in_w, &j0, &j1);
            float *restrict sum = out;
            memset(sum, 0, (size_t)C * sizeof(float));
            for (long i = i0; i < i1; i++)
                for (long j = j0; j < j1; j++) {
                    const float *restrict src =
                        image + ((ih0 + i * g->dilation_h) * g->in_w + iw0 + j * g->dilation_w) * C;
                    for (long c = 0; c < C; c++) sum[c] += src[c];
                }
            long count = (i1 - i0) * (j1 - j0);
            float scale = count > 0 ? 1.0f / (float)count : 0.0f;
            for (long c = 0; c < C; c++) sum[c] *= scale;
        }
    }
}

void syn_conv_avg_pool(const float *x, float *y, const syn_window_geometry *g) {
    pool_job job = { x, y, NULL, NULL, g };
    syn_parallel_for(g->batch, avg_pool_image, &job);
}

static void avg_pool_backward_image(void *context, long n) {
    const pool_job *job = context;
    const syn_window_geometry *g = job->g;
    const long C = g->channels;
    float *image = job->y + n * g->in_h * g->in_w * C;
    const float *grad = job->x + n * g->out_h * g->out_w * C;
    memset(image, 0, (size_t)(g->in_h * g->in_w * C) * sizeof(float));
    for (long oh = 0; oh < g->out_h; oh++) {
        long ih0 = oh * g->stride_h - g->pad_top, i0, i1;
        window_range(ih0, g->kernel_h, g->dilation_h, g->in_h, &i0, &i1);
        for (long ow = 0; ow < g->out_w; ow++, grad += C) {
            long iw0 = ow * g->stride_w - g->pad_left, j0, j1;
            window_range(iw0, g->kernel_w, g->dilation_w, g->in_w, &j0, &j1);
            long count = (i1 - i0) * (j1 - j0);
            if (count == 0) continue;
            float scale = 1.0f / (float)count;
            for (long i = i0; i < i1; i++)
                for (long j = j0; j < j1; j++) {
                    float *restrict dst =
                        image + ((ih0 + i * g->dilation_h) * g->in_w + iw0 + j * g->dilation_w) * C;
                    for (long c = 0; c < C; c++) dst[c] += grad[c] * scale;
                }
        }
    }
}

void syn_conv_avg_pool_backward(const float *dy, float *dx, const syn_window_geometry *g) {
    pool_job job = { dy, dx, NULL, NULL, g };
    syn_parallel_for(g->batch, avg_pool_backward_image, &job);
}

// Convolution forward and backward passes that never build the whole im2col
// matrix: the batch is cut into tasks of whole images, and each task unfolds
// a chunk of pixels into a cache-sized buffer, runs the GEMMs on it, and
// applies the epilogue while the data is still in cache. Tasks are shared
// out dynamically among one part per thread; each part keeps its own kernel
// and bias gradient sums, which are added up at the end.
//
// A convolution followed by a 2×2, stride-2 max pool can run fused: a chunk
// is then whole images, pooled in cache, so the convolution's full-size
// output (and its gradient) never goes to memory.
#include "conv_internal.h"
#include "internal.h"
#include "synapse_kernels.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/// Floats of im2col rows plus output rows one chunk aims for (~256 KiB).
static const long CHUNK_FLOATS = 64 * 1024;
/// Fused with pooling, unpadded convolutions up to this depth (kh·kw·C) run
/// as implicit GEMM (no im2col) on AVX-512. It measured faster at the
/// convnet's depths 9 and 288; deeper kernels keep the blocked, packed GEMM,
/// as the implicit tile streams its whole depth of the kernel per tile.
static const long IMPLICIT_MAX_DEPTH = 1152;
/// At most this many floats of per-thread kernel-gradient sums (64 MiB).
static const long MAX_GRADIENT_COPIES_FLOATS = 16L * 1024 * 1024;

// ---- per-thread scratch ------------------------------------------------------

static _Thread_local float *scratch_buffer;
static _Thread_local size_t scratch_capacity;
static pthread_key_t scratch_key;
static pthread_once_t scratch_key_once = PTHREAD_ONCE_INIT;

static void make_scratch_key(void) { pthread_key_create(&scratch_key, free); }

/// This thread's convolution scratch of at least `floats` floats.
static float *conv_scratch(size_t floats) {
    if (floats <= scratch_capacity) return scratch_buffer;
    pthread_once(&scratch_key_once, make_scratch_key);
    free(scratch_buffer);
    size_t bytes = ((floats * sizeof(float)) + 63) & ~(size_t)63;
    void *p = NULL;
    if (posix_memalign(&p, 64, bytes) != 0) abort();  // out of memory
    scratch_buffer = p;
    scratch_capacity = bytes / sizeof(float);
    pthread_setspecific(scratch_key, p);
    return scratch_buffer;
}

static void *checked_malloc(size_t bytes) {
    void *p = malloc(bytes > 0 ? bytes : 1);
    if (p == NULL) abort();  // out of memory
    return p;
}

// ---- planning ---------------------------------------------------------------

typedef struct {
    const syn_window_geometry *g;
    long filters, depth, pixels;
    long images_per_task, tasks, chunk_rows;
    int pointwise;  // a 1×1 window with stride 1 and no padding: cols == x
    // Implicit GEMM: where each depth index and each output pixel's window
    // are in an image (one allocation), else NULL.
    long *depth_off, *pixel_off;
    _Alignas(64) atomic_long next_task;
} conv_plan;

/// A max pool fused after the convolution: its output (pooled values and,
/// for training, the winners) and, in the backward pass, its gradient.
typedef struct {
    float *pooled;
    int *winners;
    const float *dpooled;
    long pooled_per_image;  // (out_h / 2)·(out_w / 2)·filters
} fused_pool;

/// Plans the tasks of a convolution, fused with pooling when `pooled`.
static void make_plan(conv_plan *p, const syn_window_geometry *g, long filters, int pooled) {
    p->g = g;
    p->filters = filters;
    p->depth = g->kernel_h * g->kernel_w * g->channels;
    p->pixels = g->out_h * g->out_w;
    p->pointwise = g->kernel_h == 1 && g->kernel_w == 1 && g->stride_h == 1 && g->stride_w == 1 &&
                   g->pad_top == 0 && g->pad_left == 0 && g->out_h == g->in_h && g->out_w == g->in_w;
    long target = CHUNK_FLOATS / (p->depth + filters);
    if (target < 16) target = 16;
    p->images_per_task = p->pixels > 0 && target > p->pixels ? target / p->pixels : 1;
    p->tasks = (g->batch + p->images_per_task - 1) / p->images_per_task;
    // Pooling needs whole images in a chunk: a task is one chunk.
    p->chunk_rows = pooled ? p->images_per_task * p->pixels : target;
    p->depth_off = p->pixel_off = NULL;
    atomic_init(&p->next_task, 0);
    // Every window must lie inside the image (no padding read).
    int unpadded = g->pad_top == 0 && g->pad_left == 0 && p->pixels > 0 &&
                   (g->out_h - 1) * g->stride_h + (g->kernel_h - 1) * g->dilation_h < g->in_h &&
                   (g->out_w - 1) * g->stride_w + (g->kernel_w - 1) * g->dilation_w < g->in_w;
    if (!(pooled && unpadded && p->depth <= IMPLICIT_MAX_DEPTH && syn_gemm_uses_avx512()))
        return;
    const long C = g->channels;
    p->depth_off = checked_malloc((size_t)(p->depth + p->pixels) * sizeof(long));
    p->pixel_off = p->depth_off + p->depth;
    for (long i = 0, k = 0; i < g->kernel_h; i++)
        for (long j = 0; j < g->kernel_w; j++)
            for (long c = 0; c < C; c++, k++) p->depth_off[k] = (i * g->dilation_h * g->in_w + j * g->dilation_w) * C + c;
    for (long oh = 0, q = 0; oh < g->out_h; oh++)
        for (long ow = 0; ow < g->out_w; ow++, q++) p->pixel_off[q] = (oh * g->stride_h * g->in_w + ow * g->stride_w) * C;
    p->images_per_task = 1;
    p->tasks = g->batch;
    p->chunk_rows = p->pixels;
}

/// The pixel rows [*begin, *end) of task t.
static void task_rows(const conv_plan *p, long t, long *begin, long *end) {
    long n0 = t * p->images_per_task, n1 = n0 + p->images_per_task;
    if (n1 > p->g->batch) n1 = p->g->batch;
    *begin = n0 * p->pixels;
    *end = n1 * p->pixels;
}

/// Rows per chunk for a task of `rows` rows: equal chunks of at most chunk_rows.
static long chunk_size(const conv_plan *p, long rows) {
    long chunks = (rows + p->chunk_rows - 1) / p->chunk_rows;
    return chunks > 0 ? (rows + chunks - 1) / chunks : rows;
}

// ---- forward ----------------------------------------------------------------

typedef struct {
    conv_plan plan;
    const float *x, *w, *bias;
    float *y;  // the output, or NULL when pooled
    const fused_pool *pool;
    int relu;
} forward_job;

static void forward_part(void *context, long part) {
    (void)part;
    forward_job *job = context;
    conv_plan *p = &job->plan;
    const long F = p->filters, D = p->depth;
    const fused_pool *pool = job->pool;
    const int unfolds = !p->pointwise && !p->depth_off;
    float *scratch = conv_scratch((size_t)(p->chunk_rows * ((unfolds ? D : 0) + (pool ? F : 0))));
    float *cols = unfolds ? scratch : NULL;
    float *pixels_out = pool ? scratch + (unfolds ? p->chunk_rows * D : 0) : NULL;
    for (;;) {
        long t = atomic_fetch_add_explicit(&p->next_task, 1, memory_order_relaxed);
        if (t >= p->tasks) break;
        if (p->depth_off) {
            // Implicit GEMM: one image per task.
            const syn_window_geometry *g = p->g;
            syn_conv_implicit_forward(job->x + t * g->in_h * g->in_w * g->channels, p->depth_off, D, p->pixel_off,
                                      p->pixels, job->w, F, pixels_out);
            long offset = t * pool->pooled_per_image;
            syn_conv_pool_epilogue(pixels_out, job->bias, job->relu, pool->pooled + offset,
                                   pool->winners ? pool->winners + offset : NULL, 1, g->out_h, g->out_w, F);
            continue;
        }
        long begin, end;
        task_rows(p, t, &begin, &end);
        long step = chunk_size(p, end - begin);
        for (long r0 = begin; r0 < end; r0 += step) {
            long r1 = r0 + step < end ? r0 + step : end;
            const float *a = job->x + r0 * D;
            if (!p->pointwise) {
                syn_conv_im2col_rows(job->x, cols, p->g, r0, r1);
                a = cols;
            }
            float *out = pool ? pixels_out : job->y + r0 * F;
            syn_sgemm_serial(0, 0, r1 - r0, F, D, 1, a, D, job->w, F, 0, out, F);
            if (pool) {
                long n0 = r0 / p->pixels, offset = n0 * pool->pooled_per_image;
                syn_conv_pool_epilogue(out, job->bias, job->relu, pool->pooled + offset,
                                       pool->winners ? pool->winners + offset : NULL, (r1 - r0) / p->pixels,
                                       p->g->out_h, p->g->out_w, F);
            } else if (job->bias || job->relu) {
                syn_conv_bias_activation(out, job->bias, r1 - r0, F, job->relu);
            }
        }
    }
}

static void run_forward(forward_job *job, const syn_window_geometry *g, long filters) {
    make_plan(&job->plan, g, filters, job->pool != NULL);
    long parts = syn_num_threads();
    if (parts > job->plan.tasks) parts = job->plan.tasks;
    if (job->plan.tasks > 0) syn_parallel_for(parts, forward_part, job);
    free(job->plan.depth_off);
}

void syn_conv2d_forward(const float *x, const float *w, const float *bias, float *y, long filters,
                        int relu, const syn_window_geometry *g) {
    forward_job job = { .x = x, .w = w, .bias = bias, .y = y, .relu = relu };
    run_forward(&job, g, filters);
}

void syn_conv2d_max_pool_forward(const float *x, const float *w, const float *bias, float *pooled,
                                 int *winners, long filters, int relu, const syn_window_geometry *g) {
    fused_pool pool = { .pooled = pooled, .winners = winners,
                        .pooled_per_image = (g->out_h / 2) * (g->out_w / 2) * filters };
    forward_job job = { .x = x, .w = w, .bias = bias, .pool = &pool, .relu = relu };
    run_forward(&job, g, filters);
}

// ---- backward ---------------------------------------------------------------

typedef struct {
    conv_plan plan;
    const float *x, *wt, *y, *dy;  // y and dy are NULL when pooled
    float *dx;
    float *dw_parts, *dbias_parts;  // one sum per part, or NULL when not wanted
    int *part_used;
    const fused_pool *pool;
    int relu;
} backward_job;

static void backward_part(void *context, long part) {
    backward_job *job = context;
    conv_plan *p = &job->plan;
    const syn_window_geometry *g = p->g;
    const long F = p->filters, D = p->depth, C = g->channels;
    const long image_size = g->in_h * g->in_w * C;
    const int needs_cols = !p->pointwise && !p->depth_off && job->dw_parts != NULL;
    // The implicit path always goes through dcols, pointwise windows too.
    const int needs_dcols = job->dx != NULL && (!p->pointwise || p->depth_off != NULL);
    const int masks = job->relu || job->dbias_parts != NULL || job->pool != NULL;
    float *scratch = conv_scratch((size_t)(p->chunk_rows * ((needs_cols ? D : 0) + (needs_dcols ? D : 0) +
                                                            (masks ? F : 0))));
    float *cols = scratch;
    float *dcols = cols + (needs_cols ? p->chunk_rows * D : 0);
    float *dz_buffer = dcols + (needs_dcols ? p->chunk_rows * D : 0);
    float *dw = job->dw_parts ? job->dw_parts + part * D * F : NULL;
    float *dbias = job->dbias_parts ? job->dbias_parts + part * F : NULL;
    int used = 0;
    for (;;) {
        long t = atomic_fetch_add_explicit(&p->next_task, 1, memory_order_relaxed);
        if (t >= p->tasks) break;
        if (!used && dbias) memset(dbias, 0, (size_t)F * sizeof(float));
        if (p->depth_off) {
            // Implicit GEMM for the kernel gradient, one image per task; the
            // input gradient still goes through dz · wᵀ and col2im.
            const fused_pool *pool = job->pool;
            long offset = t * pool->pooled_per_image;
            syn_conv_unpool(pool->dpooled + offset, pool->pooled + offset, pool->winners + offset, job->relu,
                            dz_buffer, dbias, 1, g->out_h, g->out_w, F);
            if (dw)
                syn_conv_implicit_kernel_gradient(job->x + t * image_size, p->depth_off, D, p->pixel_off, p->pixels,
                                                  dz_buffer, F, dw, used);
            if (job->dx) {
                memset(job->dx + t * image_size, 0, (size_t)image_size * sizeof(float));
                syn_sgemm_serial(0, 0, p->pixels, D, F, 1, dz_buffer, F, job->wt, D, 0, dcols, D);
                syn_conv_col2im_rows_add(dcols, job->dx, g, t * p->pixels, (t + 1) * p->pixels);
            }
            used = 1;
            continue;
        }
        long begin, end;
        task_rows(p, t, &begin, &end);
        if (needs_dcols)
            memset(job->dx + (begin / p->pixels) * image_size, 0,
                   (size_t)((end - begin) / p->pixels * image_size) * sizeof(float));
        long step = chunk_size(p, end - begin);
        for (long r0 = begin; r0 < end; r0 += step) {
            long r1 = r0 + step < end ? r0 + step : end, rows = r1 - r0;
            const float *dz = job->pool ? NULL : job->dy + r0 * F;
            if (job->pool) {
                const fused_pool *pool = job->pool;
                long offset = r0 / p->pixels * pool->pooled_per_image;
                syn_conv_unpool(pool->dpooled + offset, pool->pooled + offset, pool->winners + offset, job->relu,
                                dz_buffer, dbias, rows / p->pixels, g->out_h, g->out_w, F);
                dz = dz_buffer;
            } else if (masks) {
                syn_conv_relu_mask_accumulate(dz, job->y + r0 * F, dz_buffer, dbias, rows, F, job->relu);
                dz = dz_buffer;
            }
            if (dw) {
                const float *a = job->x + r0 * D;
                if (needs_cols) {
                    syn_conv_im2col_rows(job->x, cols, g, r0, r1);
                    a = cols;
                }
                syn_sgemm_serial(1, 0, D, F, rows, 1, a, D, dz, F, used ? 1 : 0, dw, F);
            }
            if (job->dx) {
                if (p->pointwise) {
                    syn_sgemm_serial(0, 0, rows, D, F, 1, dz, F, job->wt, D, 0, job->dx + r0 * C, D);
                } else {
                    syn_sgemm_serial(0, 0, rows, D, F, 1, dz, F, job->wt, D, 0, dcols, D);
                    syn_conv_col2im_rows_add(dcols, job->dx, g, r0, r1);
                }
            }
            used = 1;
        }
    }
    job->part_used[part] = used;
}

static void run_backward(backward_job *job, const float *w, float *dw, float *dbias, const syn_window_geometry *g,
                         long filters) {
    conv_plan *p = &job->plan;
    make_plan(p, g, filters, job->pool != NULL);
    const long F = filters, D = p->depth;
    float *dx = job->dx;
    if (p->pixels == 0 || g->batch == 0) {
        // No window fits: nothing depends on the inputs.
        if (dx) memset(dx, 0, (size_t)(g->batch * g->in_h * g->in_w * g->channels) * sizeof(float));
        if (dw) memset(dw, 0, (size_t)(D * F) * sizeof(float));
        if (dbias) memset(dbias, 0, (size_t)F * sizeof(float));
        free(p->depth_off);
        return;
    }
    long parts = syn_num_threads();
    if (parts > p->tasks) parts = p->tasks;
    // Each part sums its own kernel gradient: bound that memory for huge kernels.
    if (dw && parts > 1 && parts * D * F > MAX_GRADIENT_COPIES_FLOATS) parts = MAX_GRADIENT_COPIES_FLOATS / (D * F);
    if (parts < 1) parts = 1;
    float *wt = NULL;
    if (dx) {
        // dcols = dz · wᵀ reads wᵀ [F, D] in place, which is cheaper than repacking per chunk.
        wt = checked_malloc((size_t)(D * F) * sizeof(float));
        for (long d = 0; d < D; d++)
            for (long f = 0; f < F; f++) wt[f * D + d] = w[d * F + f];
        job->wt = wt;
    }
    job->dw_parts = dw ? checked_malloc((size_t)(parts * D * F) * sizeof(float)) : NULL;
    job->dbias_parts = dbias ? checked_malloc((size_t)(parts * F) * sizeof(float)) : NULL;
    int used[parts];
    memset(used, 0, sizeof used);
    job->part_used = used;
    if (p->tasks > 0) syn_parallel_for(parts, backward_part, job);
    if (dw) memset(dw, 0, (size_t)(D * F) * sizeof(float));
    if (dbias) memset(dbias, 0, (size_t)F * sizeof(float));
    for (long q = 0; q < parts; q++) {
        if (!used[q]) continue;
        if (dw)
            for (long i = 0; i < D * F; i++) dw[i] += job->dw_parts[q * D * F + i];
        if (dbias)
            for (long i = 0; i < F; i++) dbias[i] += job->dbias_parts[q * F + i];
    }
    free(wt);
    free(p->depth_off);
    free(job->dw_parts);
    free(job->dbias_parts);
}

void syn_conv2d_backward(const float *x, const float *w, const float *y, const float *dy, long filters,
                         int relu, float *dx, float *dw, float *dbias, const syn_window_geometry *g) {
    backward_job job = { .x = x, .y = y, .dy = dy, .dx = dx, .relu = relu };
    run_backward(&job, w, dw, dbias, g, filters);
}

void syn_conv2d_max_pool_backward(const float *x, const float *w, const float *pooled, const int *winners,
                                  const float *dpooled, long filters, int relu, float *dx, float *dw,
                                  float *dbias, const syn_window_geometry *g) {
    fused_pool pool = { .pooled = (float *)pooled, .winners = (int *)winners, .dpooled = dpooled,
                        .pooled_per_image = (g->out_h / 2) * (g->out_w / 2) * filters };
    backward_job job = { .x = x, .dx = dx, .pool = &pool, .relu = relu };
    run_backward(&job, w, dw, dbias, g, filters);
}

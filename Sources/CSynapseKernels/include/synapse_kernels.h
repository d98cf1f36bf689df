// The C interface of Synapse's CPU kernels. Everything here works on raw
// row-major float32 buffers; shapes and ownership live on the Swift side.
#ifndef SYNAPSE_KERNELS_H
#define SYNAPSE_KERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// ---- Thread pool ----------------------------------------------------------
// One pool for the whole library: GEMM, convolutions and elementwise work all
// run on it. Workers spin briefly, then yield, then sleep.

/// Sets how many threads (the caller included) parallel work may use; n >= 1.
void syn_set_num_threads(int n);
/// The number of threads parallel work uses now.
int syn_num_threads(void);
/// A task body: called once per index in [0, count).
typedef void (*syn_task_fn)(void *context, long index);
/// Runs fn(context, i) for every i in [0, count), spread over the pool; the
/// calling thread takes part. Returns when all calls have finished.
void syn_parallel_for(long count, syn_task_fn fn, void *context);

// ---- GEMM -----------------------------------------------------------------
/// C = alpha * op(A) * op(B) + beta * C, row-major; op(A) is M×K, op(B) is
/// K×N. transA/transB non-zero means the stored matrix is transposed. When
/// beta is 0, C is not read (it may hold garbage or NaN).
void syn_sgemm(int transA, int transB, long M, long N, long K, float alpha,
               const float *A, long lda, const float *B, long ldb, float beta,
               float *C, long ldc);
/// The same GEMM, on one thread only (for callers already running in parallel).
void syn_sgemm_serial(int transA, int transB, long M, long N, long K, float alpha,
                      const float *A, long lda, const float *B, long ldb, float beta,
                      float *C, long ldc);
/// The name of the micro-kernel chosen for this CPU, e.g. "avx512-8x32".
const char *syn_gemm_kernel_name(void);

// ---- Vector math (y may alias x) ------------------------------------------
void syn_vexp(const float *x, float *y, long n);
void syn_vlog(const float *x, float *y, long n);
void syn_vtanh(const float *x, float *y, long n);
void syn_vsigmoid(const float *x, float *y, long n);

// ---- Optimiser updates ----------------------------------------------------
/// One Adam/AdamW step over n parameters, in place on p, m and v.
/// lr_t is the bias-corrected step size lr*sqrt(1-b2^t)/(1-b1^t) and eps_t the
/// matching epsilon (Keras: eps*sqrt(1-b2^t)); decoupled_decay is lr*wd for
/// AdamW (0 for Adam).
void syn_adam_update(float *p, const float *g, float *m, float *v, long n,
                     float lr_t, float beta1, float beta2, float eps_t,
                     float decoupled_decay);

#ifdef __cplusplus
}
#endif
#endif

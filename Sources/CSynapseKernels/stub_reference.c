// Portable reference implementations; the fast kernels replace these.
#include "synapse_kernels.h"
#include <math.h>

static int g_threads = 1;
void syn_set_num_threads(int n) { g_threads = n < 1 ? 1 : n; }
int syn_num_threads(void) { return g_threads; }
void syn_parallel_for(long count, syn_task_fn fn, void *context) {
    for (long i = 0; i < count; i++) fn(context, i);
}

void syn_sgemm_serial(int tA, int tB, long M, long N, long K, float alpha,
                      const float *A, long lda, const float *B, long ldb, float beta,
                      float *C, long ldc) {
    for (long i = 0; i < M; i++)
        for (long j = 0; j < N; j++) {
            float s = 0;
            for (long k = 0; k < K; k++) {
                float a = tA ? A[k * lda + i] : A[i * lda + k];
                float b = tB ? B[j * ldb + k] : B[k * ldb + j];
                s += a * b;
            }
            C[i * ldc + j] = alpha * s + (beta == 0 ? 0 : beta * C[i * ldc + j]);
        }
}
void syn_sgemm(int tA, int tB, long M, long N, long K, float alpha,
               const float *A, long lda, const float *B, long ldb, float beta,
               float *C, long ldc) {
    syn_sgemm_serial(tA, tB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}
const char *syn_gemm_kernel_name(void) { return "reference"; }

void syn_vexp(const float *x, float *y, long n) { for (long i = 0; i < n; i++) y[i] = expf(x[i]); }
void syn_vlog(const float *x, float *y, long n) { for (long i = 0; i < n; i++) y[i] = logf(x[i]); }
void syn_vtanh(const float *x, float *y, long n) { for (long i = 0; i < n; i++) y[i] = tanhf(x[i]); }
void syn_vsigmoid(const float *x, float *y, long n) { for (long i = 0; i < n; i++) y[i] = 1.0f / (1.0f + expf(-x[i])); }

void syn_adam_update(float *p, const float *g, float *m, float *v, long n,
                     float lr_t, float b1, float b2, float eps_t, float decay) {
    for (long i = 0; i < n; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        p[i] -= lr_t * m[i] / (sqrtf(v[i]) + eps_t) + decay * p[i];
    }
}

// The C interface of Synapse's CPU kernels. Everything here works on raw
// row-major float32 buffers; shapes and ownership live on the Swift side.
#ifndef SYNAPSE_KERNELS_H
#define SYNAPSE_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// ---- Thread pool ----------------------------------------------------------
// One pool for the whole library: GEMM, convolutions and elementwise work all
// run on it. Workers spin briefly, then yield, then sleep.

/// Sets how many threads (the caller included) parallel work may use; n >= 1.
/// The default is the number of online CPUs, or SYNAPSE_NUM_THREADS if set.
void syn_set_num_threads(int n);
/// The number of threads parallel work uses now.
int syn_num_threads(void);
/// A task body: called once per index in [0, count).
typedef void (*syn_task_fn)(void *context, long index);
/// Runs fn(context, i) for every i in [0, count), spread over the pool; the
/// calling thread takes part. Returns when all calls have finished. A call
/// made while the pool is busy (from inside a task, or from another thread)
/// runs all indices serially on its caller instead of waiting.
void syn_parallel_for(long count, syn_task_fn fn, void *context);
/// Asks idle pool workers to stop spinning and sleep now (instead of after a
/// few ms). Useful before handing the CPUs to another library's threads.
void syn_thread_pool_park(void);

// ---- ChaCha20 -------------------------------------------------------------
/// Writes groups × 8 ChaCha20 keystream blocks (RFC 8439's block function,
/// 20 rounds) to out (groups × 128 words): block b has the 64-bit counter
/// counter + b in state words 12–13 and the nonce in words 14–15; key is 8
/// words. Uses AVX2 where the CPU has it. The keystream of private
/// training's secure noise.
void syn_chacha20_blocks(const uint32_t *key, uint64_t counter, uint32_t nonce0, uint32_t nonce1, long groups,
                         uint32_t *out);

// ---- SHA-256 ---------------------------------------------------------------
/// Runs SHA-256's compression function over `blocks` 64-byte blocks of data,
/// updating the eight state words: on the CPU's SHA extensions when it has
/// them and `use_extensions` is non-zero, else in portable C.
void syn_sha256_blocks(uint32_t state[8], const uint8_t *data, long blocks, int use_extensions);

// ---- GEMM -----------------------------------------------------------------
/// C = alpha * op(A) * op(B) + beta * C, row-major; op(A) is M×K, op(B) is
/// K×N. transA/transB non-zero means the stored matrix is transposed. When
/// beta is 0, C is not read (it may hold garbage or NaN). When K is 0 or alpha
/// is 0, A and B are not read and C = beta * C. GEMMs from 8 M multiply-adds
/// (or a few-row product reading a large B) are split over the thread pool;
/// smaller ones run on the caller (see syn_gemm_threads).
void syn_sgemm(int transA, int transB, long M, long N, long K, float alpha,
               const float *A, long lda, const float *B, long ldb, float beta,
               float *C, long ldc);
/// The same GEMM, on one thread only (for callers already running in parallel).
void syn_sgemm_serial(int transA, int transB, long M, long N, long K, float alpha,
                      const float *A, long lda, const float *B, long ldb, float beta,
                      float *C, long ldc);
/// syn_sgemm with a dense layer's epilogue applied to each tile of C while it
/// is still in registers: C = act(alpha * op(A) * op(B) + beta * C + bias),
/// where bias has N floats added to every row (NULL: none) and act is ReLU
/// when relu is non-zero, else the identity.
void syn_sgemm_bias_act(int transA, int transB, long M, long N, long K, float alpha,
                        const float *A, long lda, const float *B, long ldb, float beta,
                        float *C, long ldc, const float *bias, int relu);
/// The size in floats of a buffer for B packed by syn_gemm_pack_b: a K×N
/// op(B), laid out for the micro-kernel in use (a small header, then
/// zero-padded column panels).
long syn_gemm_pack_b_size(long K, long N);
/// Packs op(B) (K×N; transB non-zero means B is stored N×K, row stride ldb)
/// into `packed` (syn_gemm_pack_b_size(K, N) floats, 64-byte aligned for
/// the fastest reads), for any number of syn_sgemm_packed_b calls. Pack again
/// after changing B or the micro-kernel (syn_gemm_force_kernel).
void syn_gemm_pack_b(int transB, long K, long N, const float *B, long ldb, float *packed);
/// syn_sgemm with op(B) packed by syn_gemm_pack_b for the same K and N:
/// C = alpha * op(A) * op(B) + beta * C, with syn_sgemm's conventions and
/// thread policy (results equal to its up to rounding; deterministic for a
/// given thread count), without packing B at every call. Stops
/// the program with a message when `packedB` was packed for another K, N or
/// micro-kernel.
void syn_sgemm_packed_b(int transA, long M, long N, long K, float alpha, const float *A,
                        long lda, const float *packedB, float beta, float *C, long ldc);
/// How many threads syn_sgemm would use for an M×N×K product: 1 below the
/// size where splitting pays (see gemm_driver.c), else syn_num_threads().
int syn_gemm_threads(long M, long N, long K);
/// The name of the micro-kernel chosen for this CPU, e.g. "avx512-6x64".
const char *syn_gemm_kernel_name(void);
/// Forces the GEMM micro-kernel family: "avx512", "avx2", "portable", or
/// NULL / "auto" for the best one this CPU supports (also settable with the
/// environment variable SYNAPSE_GEMM_KERNEL). Returns 0 on success, -1 when the
/// name is unknown or this CPU cannot run it (the choice is then unchanged).
/// Not thread-safe with concurrent GEMM calls; meant for tests and benchmarks.
int syn_gemm_force_kernel(const char *name);

// ---- Data pipeline ----------------------------------------------------------

/// dst[i] = float(src[i]) * scale for n bytes (image pixels into a batch).
void syn_bytes_to_floats(const uint8_t *src, float *dst, long n, float scale);

// ---- Vector math (y may alias x) ------------------------------------------
// Max relative error about 2e-7 (exp, log, sigmoid) / 3e-7 (tanh) vs libm on
// normal results. exp overflows to +inf above ~88.72 and underflows to 0;
// log(0) = -inf, log(x < 0) = NaN; tanh and sigmoid saturate; NaN propagates.

/// y[i] = e^x[i].
void syn_vexp(const float *x, float *y, long n);
/// y[i] = ln x[i].
void syn_vlog(const float *x, float *y, long n);
/// y[i] = tanh x[i].
void syn_vtanh(const float *x, float *y, long n);
/// y[i] = 1 / (1 + e^-x[i]).
void syn_vsigmoid(const float *x, float *y, long n);
/// Forces the vector-math (and Adam) code path, like syn_gemm_force_kernel;
/// also settable with SYNAPSE_VMATH_KERNEL. Returns 0 on success, -1 otherwise.
int syn_vmath_force_kernel(const char *name);
/// The vector-math code path in use: "avx512", "avx2" or "portable".
const char *syn_vmath_kernel_name(void);

// ---- Subnormal floats ------------------------------------------------------
/// Makes the calling thread treat subnormal floats as zero (inputs and
/// results) and returns the previous setting for syn_leave_flush_to_zero.
/// Optimiser updates run this way: decaying moments otherwise reach the
/// subnormal range, where arithmetic is ~100x slower.
unsigned long syn_enter_flush_to_zero(void);
/// Restores the setting syn_enter_flush_to_zero returned.
void syn_leave_flush_to_zero(unsigned long saved);

// ---- Optimiser updates ----------------------------------------------------
/// One Adam/AdamW step over n parameters, in place on p, m and v.
/// lr_t is the bias-corrected step size lr*sqrt(1-b2^t)/(1-b1^t) and eps_t the
/// epsilon added to sqrt(v) (Keras 3: eps as given; PyTorch: eps*sqrt(1-b2^t));
/// decoupled_decay is lr*wd for AdamW (0 for Adam). Runs with subnormals
/// flushed to zero (see syn_enter_flush_to_zero).
void syn_adam_update(float *p, const float *g, float *m, float *v, long n,
                     float lr_t, float beta1, float beta2, float eps_t,
                     float decoupled_decay);

#ifdef __cplusplus
}
#endif
#endif

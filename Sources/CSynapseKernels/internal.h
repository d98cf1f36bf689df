// Internal declarations shared by the kernel source files (not part of the
// public C interface in include/synapse_kernels.h).
#ifndef SYNAPSE_KERNELS_INTERNAL_H
#define SYNAPSE_KERNELS_INTERNAL_H

#include <stddef.h>
#include "synapse_kernels.h"

#if defined(__x86_64__)
#define SYN_TARGET_AVX512 __attribute__((target("avx512f,avx512vl,fma")))
#define SYN_TARGET_AVX2 __attribute__((target("avx2,fma")))
#endif

#define SYN_ALWAYS_INLINE inline __attribute__((always_inline))

/// Instruction-set levels the kernels are built for, best last.
typedef enum { SYN_ISA_PORTABLE = 0, SYN_ISA_AVX2 = 1, SYN_ISA_AVX512 = 2 } syn_isa;

/// The best level this CPU runs.
syn_isa syn_cpu_best_isa(void);
/// Parses "portable" / "avx2" / "avx512"; returns -1 for anything else.
int syn_isa_from_name(const char *name);
/// The level to use for a kernel family: the env var `env_name` if set and
/// supported, else the best level. Unknown or unsupported values are ignored.
syn_isa syn_isa_from_env(const char *env_name);

/// Tells the CPU we are in a spin-wait loop.
static SYN_ALWAYS_INLINE void syn_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/// 0 on threads outside the pool, w + 1 on pool worker w: lets a job give
/// each thread the same piece of the data call after call (its cache keeps it).
int syn_pool_thread_index(void);

// ---- GEMM -------------------------------------------------------------------

/// Computes one mr×nr tile of C (mr <= kernel mr, nr <= kernel nr):
///   C[r][j] = act(alpha * sum_p a[r*rsa + p*csa] * b[p*ldb + j] + beta * C[r][j] + bias[j])
/// A is read in place with strides; B is a panel of `nr` valid columns whose
/// rows are `ldb` floats apart (ldb == NR for packed panels). beta == 0 means
/// C is not read. Columns >= nr of B are never read. `bias` (the tile's first
/// column; NULL: none) and act = ReLU when `relu` != 0 are the epilogue.
typedef void (*syn_tile_fn)(long k, const float *a, long rsa, long csa,
                            const float *b, long ldb, float *c, long ldc,
                            float alpha, float beta, int mr, int nr,
                            const float *bias, int relu);

/// One row of C over all `n` columns, streaming B's rows whole (batch-1
/// inference): c[j] = act(alpha * sum_p a[p*csa] * b[p*ldb + j] + beta * c[j] + bias[j]),
/// with the same conventions as syn_tile_fn.
typedef void (*syn_row_fn)(long k, long n, const float *a, long csa, const float *b,
                           long ldb, float *c, float alpha, float beta, const float *bias,
                           int relu);

/// Packs op(B) = Bᵀ (B stored N×K, row stride ldb) for kc rows and nc columns
/// into zero-padded panels of `nr` columns: dst[panel][p*nr + j].
typedef void (*syn_pack_bt_fn)(long kc, long nc, const float *b, long ldb,
                               int nr, float *dst);

/// Packs mc rows × kc columns of op(A) (element (i, p) at a[i*rsa + p*csa])
/// into zero-padded panels of the kernel's MR rows: dst[panel][p*MR + r].
/// dst needs 2 floats of slack past the last panel.
typedef void (*syn_pack_a_fn)(long mc, long kc, const float *a, long rsa, long csa,
                              float *dst);

/// A register-blocked micro-kernel and the packing routine that feeds it.
typedef struct {
    const char *name;
    int mr, nr;
    syn_tile_fn tile;
    syn_pack_bt_fn pack_bt;
    syn_row_fn row;  // NULL: single rows run as tiles
    syn_pack_a_fn pack_a;  // NULL: A is always read in place
} syn_gemm_kernel;

extern const syn_gemm_kernel syn_gemm_kernel_portable;
#if defined(__x86_64__)
extern const syn_gemm_kernel syn_gemm_kernel_avx2;
extern const syn_gemm_kernel syn_gemm_kernel_avx512;
#endif

/// Whether GEMMs run on the AVX-512 micro-kernel (which the implicit-GEMM
/// convolution shares).
int syn_gemm_uses_avx512(void);

/// Packs kc rows × nc columns of a row-major B (row stride ldb) into
/// zero-padded panels of `nr` columns.
void syn_pack_b_rows(long kc, long nc, const float *b, long ldb, int nr, float *dst);
/// Packs mc rows × kc columns of op(A) (element (i, p) at a[i*rsa + p*csa])
/// into panels of `mr` rows, zero-padded: dst[panel][p*mr + r].
void syn_pack_a(long mc, long kc, const float *a, long rsa, long csa, int mr, float *dst);
#if defined(__x86_64__)
/// syn_pack_a_fn for MR = 6 using 8×8 AVX register transposes.
void syn_pack_a6_avx2(long mc, long kc, const float *a, long rsa, long csa, float *dst);
#endif
/// Portable version of syn_pack_bt_fn.
void syn_pack_bt_portable(long kc, long nc, const float *b, long ldb, int nr, float *dst);
#if defined(__x86_64__)
/// syn_pack_bt_fn using 8×8 AVX register transposes (nr must be a multiple of 8).
void syn_pack_bt_avx2(long kc, long nc, const float *b, long ldb, int nr, float *dst);
#endif

/// Scratch buffers each thread keeps: B packed for all threads of a parallel
/// GEMM (by its caller), B packed for one block, A packed for one block.
enum { SYN_WORKSPACE_SHARED_B = 0, SYN_WORKSPACE_B = 1, SYN_WORKSPACE_A = 2, SYN_WORKSPACE_SLOTS = 3 };
/// This thread's scratch buffer `slot` of at least `floats` floats (64-byte
/// aligned). Allocated once per thread and slot and grown on demand (its
/// contents are then lost); freed when the thread exits.
float *syn_thread_workspace(int slot, size_t floats);

#endif

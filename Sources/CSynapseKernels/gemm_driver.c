// GEMM driver: kernel selection and the serial BLIS-style loops (NC, KC,
// MC, then NR × MR micro-tiles). The thread split is in gemm_parallel.c,
// B packed ahead by the caller in gemm_packed_b.c.
//
// Packing policy (measured on this machine's Zen 3 VM, AVX2 kernel; see
// shared/research/swift-numerics.md for the older Zen 4 figures):
// - B is packed into zero-padded NR-column panels when it is transposed,
//   large (K·N > SYN_PACK_B_MIN) or when A is packed; packed, K runs in
//   equal depth blocks of at most SYN_KC, so a panel stays in L1.
// - B that fits L2 but not L1 is also packed, whole in depth, when it is
//   deeper than SYN_KC, for a kernel whose panel rows are one cache line
//   (AVX2, NR = 16) and A of at least SYN_RESIDENT_MIN_TILES micro-tiles:
//   read in place, such a panel is K lines ldb floats apart, which sit in
//   few cache sets and defeat the prefetcher. Packed contiguously it streams
//   from L2 for every tile: 1000 × 128 × 784 ran 1.3-1.4× faster (one and two
//   threads), 128 × 128 × 784 1.2-1.3× and the 32-row product of a batch-32
//   MLP step 1.1×; below about 16 rows, or for panels of at most SYN_KC
//   rows, the pass over B costs what it saves. K stays whole (up to
//   SYN_RESIDENT_KC_MAX): blocking it only adds passes over C (1.1× slower).
//   The AVX-512 kernel's panel rows are four lines; it keeps the rules above.
// - Otherwise the kernel streams B in place, masking the ragged last panel.
// - A is packed into contiguous MR-row panels, one block of MC rows at a time,
//   only when C is wide (N >= SYN_PACK_A_MIN_COLS): each panel is then reused
//   by many panels of B. Below that, packing A (a pass over A that misses L2)
//   costs about what it saves, and the kernel broadcasts A in place with row
//   and column strides, which handles a transposed A too.
#include "gemm_internal.h"
#include <stdatomic.h>
#include <string.h>

// ---- kernel selection -------------------------------------------------------

static const syn_gemm_kernel *kernel_for(syn_isa isa) {
#if defined(__x86_64__)
    if (isa == SYN_ISA_AVX512) return &syn_gemm_kernel_avx512;
    if (isa == SYN_ISA_AVX2) return &syn_gemm_kernel_avx2;
#endif
    (void)isa;
    return &syn_gemm_kernel_portable;
}

static const syn_gemm_kernel *_Atomic selected_kernel;

const syn_gemm_kernel *syn_gemm_current_kernel(void) {
    const syn_gemm_kernel *k = atomic_load_explicit(&selected_kernel, memory_order_acquire);
    if (k == NULL) {
        k = kernel_for(syn_isa_from_env("SYNAPSE_GEMM_KERNEL"));
        atomic_store_explicit(&selected_kernel, k, memory_order_release);
    }
    return k;
}

const char *syn_gemm_kernel_name(void) { return syn_gemm_current_kernel()->name; }

int syn_gemm_uses_avx512(void) {
#if defined(__x86_64__)
    return syn_gemm_current_kernel() == &syn_gemm_kernel_avx512;
#else
    return 0;
#endif
}

int syn_gemm_force_kernel(const char *name) {
    if (name == NULL || strcmp(name, "auto") == 0) {
        atomic_store(&selected_kernel, kernel_for(syn_isa_from_env("SYNAPSE_GEMM_KERNEL")));
        return 0;
    }
    int isa = syn_isa_from_name(name);
    if (isa < 0 || isa > (int)syn_cpu_best_isa()) return -1;
    atomic_store(&selected_kernel, kernel_for((syn_isa)isa));
    return 0;
}

// ---- serial driver ----------------------------------------------------------

/// C = act(beta * C + bias) for the degenerate cases (K == 0 or alpha == 0).
static void scale_c(const gemm_problem *p) {
    for (long i = 0; i < p->m; i++) {
        float *row = p->c + i * p->ldc;
        if (p->beta == 0.0f) memset(row, 0, (size_t)p->n * sizeof(float));
        else
            for (long j = 0; j < p->n; j++) row[j] *= p->beta;
        if (p->bias != NULL)
            for (long j = 0; j < p->n; j++) row[j] += p->bias[j];
        if (p->relu)
            for (long j = 0; j < p->n; j++) row[j] = row[j] > 0.0f || row[j] != row[j] ? row[j] : 0.0f;
    }
}

/// Where one depth block of B is: packed panels (panel_stride = kc*NR,
/// ldb = NR) or B in place (panel_stride = NR, ldb = row stride).
typedef struct {
    const float *b;
    long ldb, panel_stride;
} b_block;

/// Runs all micro-tiles of C's rows × columns [jc, jc + nc) for one depth
/// block [pc, pc + kc). When `packed_a` is not NULL, each block of MC rows of
/// A is first packed there into MR-row panels. The last depth block (`last`)
/// applies the problem's epilogue.
static void gemm_block(const syn_gemm_kernel *kern, const gemm_problem *p, long pc, long kc,
                       long jc, long nc, b_block b, float *packed_a, float beta, int last) {
    const int mr = kern->mr, nr = kern->nr;
    const long rsa = p->trans_a ? 1 : p->lda, csa = p->trans_a ? p->lda : 1;
    const long mc = (long)mr * SYN_MC_TILES;
    const float *bias = last && p->bias != NULL ? p->bias + jc : NULL;
    const int relu = last && p->relu;
    for (long ic = 0; ic < p->m; ic += mc) {
        long mend = ic + mc < p->m ? ic + mc : p->m;
        const float *a = p->a + pc * csa + ic * rsa;
        long tile_rs = rsa, tile_cs = csa, tile_step = mr * rsa;
        if (packed_a != NULL) {
            kern->pack_a(mend - ic, kc, a, rsa, csa, packed_a);
            a = packed_a, tile_rs = 1, tile_cs = mr, tile_step = (long)mr * kc;
        }
        for (long jr = 0; jr < nc; jr += nr) {
            int w = nc - jr < nr ? (int)(nc - jr) : nr;
            const float *bp = b.b + (jr / nr) * b.panel_stride;
            float *c0 = p->c + jc + jr;
            const float *ap = a;
            for (long ir = ic; ir < mend; ir += mr, ap += tile_step) {
                int h = mend - ir < mr ? (int)(mend - ir) : mr;
                kern->tile(kc, ap, tile_rs, tile_cs, bp, b.ldb, c0 + ir * p->ldc, p->ldc, p->alpha,
                           beta, h, w, bias == NULL ? NULL : bias + jr, relu);
            }
        }
    }
}

int syn_gemm_is_single_row(const syn_gemm_kernel *kern, const gemm_problem *p) {
    return p->m == 1 && !p->trans_b && kern->row != NULL;
}

/// Whether A is worth packing: tall enough to fill a block of micro-tiles,
/// and each of its panels reused by enough panels of B.
static int packs_a(const syn_gemm_kernel *kern, const gemm_problem *p) {
    return kern->pack_a != NULL && p->m >= SYN_PACK_A_MIN_ROWS && p->n >= SYN_PACK_A_MIN_COLS;
}

/// Whether B is packed whole in depth to stay in L2 (see the policy above).
static int packs_resident_b(const syn_gemm_kernel *kern, const gemm_problem *p) {
    long n_padded = (p->n + kern->nr - 1) / kern->nr * kern->nr;
    return kern->nr * (long)sizeof(float) <= 64 && !packs_a(kern, p) &&
           p->m >= (long)kern->mr * SYN_RESIDENT_MIN_TILES && p->k > SYN_KC && p->k <= SYN_RESIDENT_KC_MAX &&
           p->k * p->n > SYN_B_IN_L1 && p->k * n_padded <= SYN_RESIDENT_B_MAX;
}

int syn_gemm_packs_b(const syn_gemm_kernel *kern, const gemm_problem *p) {
    return p->trans_b || p->k * p->n > SYN_PACK_B_MIN || packs_a(kern, p) || packs_resident_b(kern, p);
}

long syn_gemm_problem_depth_block(const syn_gemm_kernel *kern, const gemm_problem *p) {
    return packs_resident_b(kern, p) ? p->k : syn_gemm_depth_block(p->k);
}

long syn_gemm_depth_block(long k) {
    if (k <= SYN_KC_WHOLE) return k;
    long blocks = (k + SYN_KC - 1) / SYN_KC;
    return (k + blocks - 1) / blocks;
}

/// This thread's buffer for one block of A packed (NULL when A is not packed).
static float *packed_a_buffer(const syn_gemm_kernel *kern, const gemm_problem *p, long kc) {
    if (!packs_a(kern, p)) return NULL;
    return syn_thread_workspace(SYN_WORKSPACE_A, (size_t)(kc * kern->mr * SYN_MC_TILES) + 16);
}

/// Handles the cases without a product; returns 1 when `p` is done.
static int trivial(const gemm_problem *p) {
    if (p->m <= 0 || p->n <= 0) return 1;
    if (p->k <= 0 || p->alpha == 0.0f) {
        scale_c(p);
        return 1;
    }
    return 0;
}

void syn_gemm_serial_problem(const syn_gemm_kernel *kern, const gemm_problem *p) {
    if (trivial(p)) return;
    if (syn_gemm_is_single_row(kern, p)) {
        kern->row(p->k, p->n, p->a, p->trans_a ? p->lda : 1, p->b, p->ldb, p->c, p->alpha,
                  p->beta, p->bias, p->relu);
        return;
    }
    const int nr = kern->nr;
    if (!syn_gemm_packs_b(kern, p)) {
        // B (K·N <= SYN_PACK_B_MIN) sits in L2 whole: K runs as one block, as
        // extra passes over C would cost more than L1 reuse of B gains.
        b_block b = {p->b, p->ldb, nr};
        gemm_block(kern, p, 0, p->k, 0, p->n, b, NULL, p->beta, 1);
        return;
    }
    const long kc_block = syn_gemm_problem_depth_block(kern, p);
    const long nc_max = p->n < SYN_NC ? p->n : SYN_NC;
    float *ws = syn_thread_workspace(SYN_WORKSPACE_B, (size_t)(kc_block * ((nc_max + nr - 1) / nr) * nr));
    float *packed_a = packed_a_buffer(kern, p, kc_block);
    for (long jc = 0; jc < p->n; jc += SYN_NC) {
        long nc = p->n - jc < SYN_NC ? p->n - jc : SYN_NC;
        for (long pc = 0; pc < p->k; pc += kc_block) {
            long kc = p->k - pc < kc_block ? p->k - pc : kc_block;
            if (p->trans_b) kern->pack_bt(kc, nc, p->b + jc * p->ldb + pc, p->ldb, nr, ws);
            else syn_pack_b_rows(kc, nc, p->b + pc * p->ldb + jc, p->ldb, nr, ws);
            b_block b = {ws, nr, kc * nr};
            gemm_block(kern, p, pc, kc, jc, nc, b, packed_a, pc == 0 ? p->beta : 1.0f,
                       pc + kc == p->k);
        }
    }
}

void syn_gemm_serial_prepacked(const syn_gemm_kernel *kern, const gemm_problem *p,
                               gemm_packed_b packed, long col0) {
    if (trivial(p)) return;
    const int nr = kern->nr;
    float *packed_a = packed_a_buffer(kern, p, packed.kc_block);
    for (long pc = 0; pc < p->k; pc += packed.kc_block) {
        long kc = p->k - pc < packed.kc_block ? p->k - pc : packed.kc_block;
        b_block b = {packed.data + pc * packed.n_padded + (col0 / nr) * kc * nr, nr, kc * nr};
        gemm_block(kern, p, pc, kc, 0, p->n, b, packed_a, pc == 0 ? p->beta : 1.0f,
                   pc + kc == p->k);
    }
}

void syn_gemm_pack_b_columns(const syn_gemm_kernel *kern, int trans_b, long k, long j0, long j1,
                             const float *b, long ldb, long kc_block, long n_padded, float *dst) {
    const int nr = kern->nr;
    for (long pc = 0; pc < k; pc += kc_block) {
        long kc = k - pc < kc_block ? k - pc : kc_block;
        float *out = dst + pc * n_padded + (j0 / nr) * kc * nr;
        if (trans_b) kern->pack_bt(kc, j1 - j0, b + j0 * ldb + pc, ldb, nr, out);
        else syn_pack_b_rows(kc, j1 - j0, b + pc * ldb + j0, ldb, nr, out);
    }
}

void syn_sgemm_serial(int transA, int transB, long M, long N, long K, float alpha,
                      const float *A, long lda, const float *B, long ldb, float beta,
                      float *C, long ldc) {
    gemm_problem p = {transA != 0, transB != 0, M, N, K, alpha, beta, A, lda, B, ldb, C, ldc,
                      NULL, 0};
    syn_gemm_serial_problem(syn_gemm_current_kernel(), &p);
}

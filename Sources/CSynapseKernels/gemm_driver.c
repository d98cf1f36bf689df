// GEMM driver: BLIS-style loops (NC, KC, MC, then NR × MR micro-tiles).
//
// Packing policy (measured on Zen 4, see shared/research/swift-numerics.md):
// A is never packed - the micro-kernel broadcasts from it in place with row
// and column strides, which handles transposed A for free. B is packed into
// zero-padded NR-column panels only when it is transposed or large
// (K·N > SYN_PACK_B_MIN); otherwise the kernel streams it in place, masking
// the ragged last panel.
#include "internal.h"
#include <stdatomic.h>
#include <string.h>

enum {
    SYN_KC = 256,                 // depth of one block: B panel KC×NR stays in L1/L2
    SYN_KC_WHOLE = 384,           // up to this depth K is one block (no second pass over C)
    SYN_NC = 1024,                // columns of B packed at once
    SYN_MC_TILES = 16,            // rows of A per block, in micro-tiles
    SYN_PACK_B_MIN = 160 * 1024,  // pack an untransposed B above this many floats
    SYN_SLABS_PER_THREAD = 4,     // work pieces per thread in a parallel GEMM
    SYN_ROW_PARTS_MAX = 16,       // column slabs of a parallel single-row GEMM
};
/// Below this many multiply-adds a GEMM runs on its caller alone: about
/// 150 µs on one Zen 4 core. A split pays only when the half it saves is
/// well above what a hand-over can cost: waking a sleeping worker and getting
/// it scheduled takes 10-50 µs on a 2-vCPU VM, and a batch-32 step of the
/// article's MLP (3.2 M multiply-adds per product, ~40 µs) lost to one thread
/// when its products were split (issue 19). See thread_pool.c for the policy.
static const double SYN_PARALLEL_MIN_MACS = 8e6;
/// A few-row GEMM (batch-1 inference) is bound by reading B, not by
/// arithmetic: splitting B's columns pays off from this many floats of B.
static const double SYN_PARALLEL_MIN_SKINNY_B = 64e3;

/// Whether a GEMM is big enough to be worth a hand-over to the pool.
static int worth_splitting(long m, long n, long k) {
    double macs = (double)m * (double)n * (double)k;
    return macs >= SYN_PARALLEL_MIN_MACS || (m <= 4 && (double)k * (double)n >= SYN_PARALLEL_MIN_SKINNY_B);
}

int syn_gemm_threads(long m, long n, long k) {
    return worth_splitting(m, n, k) ? syn_num_threads() : 1;
}

/// Where the operands are and how they are laid out, for one (sub)problem.
typedef struct {
    int trans_a, trans_b;
    long m, n, k;
    float alpha, beta;
    const float *a;
    long lda;
    const float *b;
    long ldb;
    float *c;
    long ldc;
    const float *bias;  // epilogue: per-column bias (NULL: none) and ReLU
    int relu;
} gemm_problem;

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

static const syn_gemm_kernel *current_kernel(void) {
    const syn_gemm_kernel *k = atomic_load_explicit(&selected_kernel, memory_order_acquire);
    if (k == NULL) {
        k = kernel_for(syn_isa_from_env("SYNAPSE_GEMM_KERNEL"));
        atomic_store_explicit(&selected_kernel, k, memory_order_release);
    }
    return k;
}

const char *syn_gemm_kernel_name(void) { return current_kernel()->name; }

int syn_gemm_uses_avx512(void) {
#if defined(__x86_64__)
    return current_kernel() == &syn_gemm_kernel_avx512;
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

/// Runs all micro-tiles of rows [0, m) × one block of nc columns and kc depth.
/// `b` is the block's B: packed panels (panel_stride = kc*NR, ldb = NR) or
/// B in place (panel_stride = NR, ldb = row stride). The last depth block
/// (`last`) applies the problem's epilogue.
static void gemm_block(const syn_gemm_kernel *kern, const gemm_problem *p, long pc, long kc,
                       long jc, long nc, const float *b, long ldb, long panel_stride,
                       float beta, int last) {
    const int mr = kern->mr, nr = kern->nr;
    const long rsa = p->trans_a ? 1 : p->lda, csa = p->trans_a ? p->lda : 1;
    const long mc = (long)mr * SYN_MC_TILES;
    const float *a0 = p->a + pc * csa;
    for (long ic = 0; ic < p->m; ic += mc) {
        long mend = ic + mc < p->m ? ic + mc : p->m;
        for (long jr = 0; jr < nc; jr += nr) {
            int w = nc - jr < nr ? (int)(nc - jr) : nr;
            const float *bp = b + (jr / nr) * panel_stride;
            float *c0 = p->c + jc + jr;
            const float *bias = last && p->bias != NULL ? p->bias + jc + jr : NULL;
            int relu = last && p->relu;
            for (long ir = ic; ir < mend; ir += mr) {
                int h = mend - ir < mr ? (int)(mend - ir) : mr;
                kern->tile(kc, a0 + ir * rsa, rsa, csa, bp, ldb, c0 + ir * p->ldc, p->ldc,
                           p->alpha, beta, h, w, bias, relu);
            }
        }
    }
}

/// Whether `p` runs as a single row on the row kernel.
static int is_single_row(const syn_gemm_kernel *kern, const gemm_problem *p) {
    return p->m == 1 && !p->trans_b && kern->row != NULL;
}

static void gemm_serial(const syn_gemm_kernel *kern, const gemm_problem *p) {
    if (p->m <= 0 || p->n <= 0) return;
    if (p->k <= 0 || p->alpha == 0.0f) {
        scale_c(p);
        return;
    }
    if (is_single_row(kern, p)) {
        kern->row(p->k, p->n, p->a, p->trans_a ? p->lda : 1, p->b, p->ldb, p->c, p->alpha,
                  p->beta, p->bias, p->relu);
        return;
    }
    const int nr = kern->nr;
    const int pack = p->trans_b || p->k * p->n > SYN_PACK_B_MIN;
    // A short tail block (e.g. K = 288 = 256 + 32) would cost a second pass
    // over C for little work, so such depths run as one block. So does any
    // depth when B is read in place: B (K·N <= SYN_PACK_B_MIN) then sits in
    // L2 whole, and extra passes over C cost more than L1 reuse of B gains
    // (K = 784, N = 128: ~8% faster than blocks of 256, 256, 256, 16).
    const long kc_block = p->k <= SYN_KC_WHOLE || !pack ? p->k : SYN_KC;
    float *ws = NULL;
    if (pack) {
        long kc_max = kc_block;
        long nc_max = p->n < SYN_NC ? p->n : SYN_NC;
        ws = syn_thread_workspace((size_t)(kc_max * ((nc_max + nr - 1) / nr) * nr));
    }
    for (long jc = 0; jc < p->n; jc += SYN_NC) {
        long nc = p->n - jc < SYN_NC ? p->n - jc : SYN_NC;
        for (long pc = 0; pc < p->k; pc += kc_block) {
            long kc = p->k - pc < kc_block ? p->k - pc : kc_block;
            float beta = pc == 0 ? p->beta : 1.0f;
            int last = pc + kc == p->k;
            if (!pack) {
                gemm_block(kern, p, pc, kc, jc, nc, p->b + pc * p->ldb + jc, p->ldb, nr, beta,
                           last);
                continue;
            }
            if (p->trans_b) kern->pack_bt(kc, nc, p->b + jc * p->ldb + pc, p->ldb, nr, ws);
            else syn_pack_b_rows(kc, nc, p->b + pc * p->ldb + jc, p->ldb, nr, ws);
            gemm_block(kern, p, pc, kc, jc, nc, ws, nr, kc * nr, beta, last);
        }
    }
}

void syn_sgemm_serial(int transA, int transB, long M, long N, long K, float alpha,
                      const float *A, long lda, const float *B, long ldb, float beta,
                      float *C, long ldc) {
    gemm_problem p = {transA != 0, transB != 0, M, N, K, alpha, beta, A, lda, B, ldb, C, ldc,
                      NULL, 0};
    gemm_serial(current_kernel(), &p);
}

// ---- parallel driver --------------------------------------------------------

/// A problem split into `parts` slabs of whole micro-tiles along M or N.
typedef struct {
    const syn_gemm_kernel *kern;
    gemm_problem whole;
    int split_n;     // 1: slabs of columns, 0: slabs of rows
    long tiles;      // micro-tiles along the split dimension
    long parts;
    int tile_size;   // mr or nr
    atomic_char claimed[SYN_ROW_PARTS_MAX];  // single-row split: slabs taken
} gemm_split;

static void run_part(void *context, long part) {
    const gemm_split *s = context;
    long t0 = s->tiles * part / s->parts, t1 = s->tiles * (part + 1) / s->parts;
    long lo = t0 * s->tile_size;
    gemm_problem p = s->whole;
    if (s->split_n) {
        long hi = t1 * s->tile_size < p.n ? t1 * s->tile_size : p.n;
        p.n = hi - lo;
        p.b += p.trans_b ? lo * p.ldb : lo;
        p.c += lo;
        if (p.bias != NULL) p.bias += lo;
    } else {
        long hi = t1 * s->tile_size < p.m ? t1 * s->tile_size : p.m;
        p.m = hi - lo;
        p.a += p.trans_a ? lo : lo * p.lda;
        p.c += lo * p.ldc;
    }
    if (p.m > 0 && p.n > 0) gemm_serial(s->kern, &p);
}

/// A single-row GEMM is split into one column slab per thread, and each
/// thread takes its own slab first: call after call the same core reads the
/// same columns of B, which then stay in its cache. A slab whose thread is
/// late (busy machine) is taken by whoever is free.
static void run_row_part(void *context, long index) {
    gemm_split *s = context;
    (void)index;
    long mine = syn_pool_thread_index() % s->parts;
    for (long t = 0; t < s->parts; t++) {
        long part = (mine + t) % s->parts;
        if (!atomic_exchange_explicit(&s->claimed[part], 1, memory_order_relaxed)) {
            run_part(s, part);
            return;
        }
    }
}

/// Splits C into slabs of whole micro-tiles for `threads` threads. There are
/// a few slabs per thread, claimed dynamically, so a thread that the OS
/// preempts (shared machines) delays the call by one small slab only. Slabs
/// run along N when B is packed (each slab then packs only its own columns),
/// else along the dimension with more tiles.
static gemm_split plan_split(const syn_gemm_kernel *kern, const gemm_problem *p, int threads) {
    long tiles_m = (p->m + kern->mr - 1) / kern->mr, tiles_n = (p->n + kern->nr - 1) / kern->nr;
    int packs_b = p->trans_b || p->k * p->n > SYN_PACK_B_MIN;
    long want = (long)threads * SYN_SLABS_PER_THREAD;
    gemm_split s = {kern, *p, 0, 0, 0, 0, {0}};
    if (is_single_row(kern, p)) {
        s.split_n = 1;
        s.tile_size = 16;
        s.tiles = (p->n + 15) / 16;
        long most = threads < SYN_ROW_PARTS_MAX ? threads : SYN_ROW_PARTS_MAX;
        s.parts = s.tiles < most ? s.tiles : most;
        return s;
    }
    s.split_n = packs_b ? tiles_n >= threads : tiles_n > tiles_m;
    s.tiles = s.split_n ? tiles_n : tiles_m;
    s.tile_size = s.split_n ? kern->nr : kern->mr;
    s.parts = s.tiles < want ? s.tiles : want;
    return s;
}

/// Runs `p` on the pool when it is worth it, else on the caller.
static void gemm_parallel(const gemm_problem *p) {
    const syn_gemm_kernel *kern = current_kernel();
    int threads = syn_gemm_threads(p->m, p->n, p->k);
    if (threads > 1 && p->k > 0 && p->alpha != 0.0f) {
        gemm_split s = plan_split(kern, p, threads);
        if (s.parts > 1) {
            syn_parallel_for(s.parts, is_single_row(kern, p) ? run_row_part : run_part, &s);
            return;
        }
    }
    gemm_serial(kern, p);
}

void syn_sgemm(int transA, int transB, long M, long N, long K, float alpha, const float *A,
               long lda, const float *B, long ldb, float beta, float *C, long ldc) {
    gemm_problem p = {transA != 0, transB != 0, M, N, K, alpha, beta, A, lda, B, ldb, C, ldc,
                      NULL, 0};
    gemm_parallel(&p);
}

void syn_sgemm_bias_act(int transA, int transB, long M, long N, long K, float alpha,
                        const float *A, long lda, const float *B, long ldb, float beta,
                        float *C, long ldc, const float *bias, int relu) {
    gemm_problem p = {transA != 0, transB != 0, M, N, K, alpha, beta, A, lda, B, ldb, C, ldc,
                      bias, relu != 0};
    gemm_parallel(&p);
}

// GEMM thread split: whether a product is worth handing to the pool, and how
// it is cut into slabs of whole micro-tiles. When B must be packed, it is
// packed once (the threads share the work) before the slabs run, so a split
// along M does not pack B once per slab.
#include "gemm_internal.h"
#include <stdatomic.h>

enum {
    SYN_SLABS_PER_THREAD = 4,             // work pieces per thread in a parallel GEMM
    SYN_ROW_PARTS_MAX = 16,               // column slabs of a parallel single-row GEMM
    SYN_SHARED_B_MAX = 4 * 1024 * 1024,   // most floats of B packed once for all threads
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

/// A problem split into `parts` slabs of whole micro-tiles along M or N.
typedef struct {
    const syn_gemm_kernel *kern;
    gemm_problem whole;
    const gemm_packed_b *packed;  // B packed ahead (NULL: each slab packs its own)
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
    if (p.m <= 0 || p.n <= 0) return;
    if (s->packed != NULL) syn_gemm_serial_prepacked(s->kern, &p, *s->packed, s->split_n ? lo : 0);
    else syn_gemm_serial_problem(s->kern, &p);
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
/// run along the dimension with more tiles, except when each slab packs its
/// own B: then along N (each slab packs only its own columns).
static gemm_split plan_split(const syn_gemm_kernel *kern, const gemm_problem *p, int threads,
                             const gemm_packed_b *packed) {
    long tiles_m = (p->m + kern->mr - 1) / kern->mr, tiles_n = (p->n + kern->nr - 1) / kern->nr;
    long want = (long)threads * SYN_SLABS_PER_THREAD;
    gemm_split s = {kern, *p, packed, 0, 0, 0, 0, {0}};
    if (packed == NULL && syn_gemm_is_single_row(kern, p)) {
        s.split_n = 1;
        s.tile_size = 16;
        s.tiles = (p->n + 15) / 16;
        long most = threads < SYN_ROW_PARTS_MAX ? threads : SYN_ROW_PARTS_MAX;
        s.parts = s.tiles < most ? s.tiles : most;
        return s;
    }
    if (packed == NULL && syn_gemm_packs_b(kern, p)) s.split_n = tiles_n >= threads;
    else s.split_n = tiles_n > tiles_m;
    s.tiles = s.split_n ? tiles_n : tiles_m;
    s.tile_size = s.split_n ? kern->nr : kern->mr;
    s.parts = s.tiles < want ? s.tiles : want;
    return s;
}

/// Packing B once for the threads of a split: each task packs a range of panels.
typedef struct {
    const syn_gemm_kernel *kern;
    const gemm_problem *p;
    gemm_packed_b packed;
    long panels, parts;
} shared_b_job;

static void pack_b_part(void *context, long part) {
    const shared_b_job *job = context;
    const long nr = job->kern->nr;
    long j0 = job->panels * part / job->parts * nr;
    long j1 = job->panels * (part + 1) / job->parts * nr;
    if (j1 > job->p->n) j1 = job->p->n;
    if (j1 > j0)
        syn_gemm_pack_b_columns(job->kern, job->p->trans_b, job->p->k, j0, j1, job->p->b,
                                job->p->ldb, job->packed.kc_block, job->packed.n_padded,
                                (float *)job->packed.data);
}

/// Packs B for all threads into the caller's shared workspace; returns 0
/// (nothing packed) when B is too large for it.
static int pack_shared_b(const syn_gemm_kernel *kern, const gemm_problem *p, int threads,
                         gemm_packed_b *out) {
    long panels = (p->n + kern->nr - 1) / kern->nr;
    long n_padded = panels * kern->nr;
    if (p->k * n_padded > SYN_SHARED_B_MAX) return 0;
    float *data = syn_thread_workspace(SYN_WORKSPACE_SHARED_B, (size_t)(p->k * n_padded));
    shared_b_job job = {kern, p, {data, syn_gemm_problem_depth_block(kern, p), n_padded}, panels,
                        panels < threads ? panels : threads};
    syn_parallel_for(job.parts, pack_b_part, &job);
    *out = job.packed;
    return 1;
}

void syn_gemm_run(const gemm_problem *p, const gemm_packed_b *packed) {
    const syn_gemm_kernel *kern = syn_gemm_current_kernel();
    int threads = syn_gemm_threads(p->m, p->n, p->k);
    int product = p->m > 0 && p->n > 0 && p->k > 0 && p->alpha != 0.0f;
    gemm_packed_b shared;
    if (threads > 1 && product) {
        if (packed == NULL && !syn_gemm_is_single_row(kern, p) && syn_gemm_packs_b(kern, p) &&
            pack_shared_b(kern, p, threads, &shared))
            packed = &shared;
        gemm_split s = plan_split(kern, p, threads, packed);
        if (s.parts > 1) {
            syn_parallel_for(s.parts, syn_gemm_is_single_row(kern, p) && packed == NULL ? run_row_part : run_part,
                             &s);
            return;
        }
    }
    if (packed != NULL) syn_gemm_serial_prepacked(kern, p, *packed, 0);
    else syn_gemm_serial_problem(kern, p);
}

void syn_sgemm(int transA, int transB, long M, long N, long K, float alpha, const float *A,
               long lda, const float *B, long ldb, float beta, float *C, long ldc) {
    gemm_problem p = {transA != 0, transB != 0, M, N, K, alpha, beta, A, lda, B, ldb, C, ldc,
                      NULL, 0};
    syn_gemm_run(&p, NULL);
}

void syn_sgemm_bias_act(int transA, int transB, long M, long N, long K, float alpha,
                        const float *A, long lda, const float *B, long ldb, float beta,
                        float *C, long ldc, const float *bias, int relu) {
    gemm_problem p = {transA != 0, transB != 0, M, N, K, alpha, beta, A, lda, B, ldb, C, ldc,
                      bias, relu != 0};
    syn_gemm_run(&p, NULL);
}

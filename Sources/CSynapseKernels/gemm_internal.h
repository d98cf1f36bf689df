// Declarations shared by the GEMM driver's source files: the problem
// description, the blocking constants, the serial loops and B packing.
#ifndef SYNAPSE_GEMM_INTERNAL_H
#define SYNAPSE_GEMM_INTERNAL_H

#include "internal.h"

enum {
    SYN_KC = 256,                 // depth of one block: a B panel KC×NR stays in L1
    SYN_KC_WHOLE = 384,           // up to this depth K is one block (no second pass over C)
    SYN_NC = 1024,                // columns of B packed at once (serial driver)
    SYN_MC_TILES = 16,            // rows of A per block, in micro-tiles
    SYN_PACK_B_MIN = 160 * 1024,  // pack an untransposed B above this many floats
    SYN_PACK_A_MIN_ROWS = 48,     // pack A from this many rows (8 micro-tiles) ...
    SYN_PACK_A_MIN_COLS = 256,    // ... when C is this wide (each panel reused N/NR times)
    SYN_B_IN_L1 = 8 * 1024,       // floats of B that sit in L1 whole: read in place
    SYN_RESIDENT_B_MAX = 128 * 1024,  // floats of B packed whole in depth to stay in L2
    SYN_RESIDENT_KC_MAX = 1024,   // deepest such B (measured up to K = 1000)
    SYN_RESIDENT_MIN_TILES = 4,   // rows of A, in micro-tiles, that pay for packing it
};

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

/// B packed whole, ahead of the micro-tiles: depth blocks of `kc_block` rows
/// (the last may be shorter); the block starting at depth pc holds the
/// zero-padded NR-column panels of all `n_padded` columns at
/// data + pc * n_padded, panel t at offset t * kc * NR.
typedef struct {
    const float *data;
    long kc_block, n_padded;
} gemm_packed_b;

/// The micro-kernel in use (chosen once from the CPU and SYNAPSE_GEMM_KERNEL).
const syn_gemm_kernel *syn_gemm_current_kernel(void);

/// The depth of one block when B is packed: K whole up to SYN_KC_WHOLE, else
/// K split into equal blocks of at most SYN_KC.
long syn_gemm_depth_block(long k);

/// Whether `p` runs as a single row on the kernel's row routine (batch-1
/// inference; B read in place).
int syn_gemm_is_single_row(const syn_gemm_kernel *kern, const gemm_problem *p);

/// Whether the serial driver packs B for `p` (else it streams B in place).
int syn_gemm_packs_b(const syn_gemm_kernel *kern, const gemm_problem *p);

/// The depth of one block of B packed for `p`: K whole when B is packed to
/// stay in L2 (see gemm_driver.c), else syn_gemm_depth_block(K).
long syn_gemm_problem_depth_block(const syn_gemm_kernel *kern, const gemm_problem *p);

/// Runs `p` on the calling thread, packing what it needs in its own workspace.
void syn_gemm_serial_problem(const syn_gemm_kernel *kern, const gemm_problem *p);

/// Runs `p` on the calling thread against B packed ahead (p->b and p->ldb
/// are ignored): the problem's column 0 is column `col0` (a multiple of NR)
/// of the packed B.
void syn_gemm_serial_prepacked(const syn_gemm_kernel *kern, const gemm_problem *p,
                               gemm_packed_b packed, long col0);

/// Packs columns [j0, j1) of op(B) (K rows; j0 a multiple of NR) into the
/// layout of gemm_packed_b at dst, for every depth block.
void syn_gemm_pack_b_columns(const syn_gemm_kernel *kern, int trans_b, long k, long j0, long j1,
                             const float *b, long ldb, long kc_block, long n_padded, float *dst);

/// Runs `p` split over the thread pool when it is worth it (see
/// syn_gemm_threads), against `packed` when that is not NULL, else packing
/// B once for all threads when the serial driver would pack it per call.
void syn_gemm_run(const gemm_problem *p, const gemm_packed_b *packed);

#endif

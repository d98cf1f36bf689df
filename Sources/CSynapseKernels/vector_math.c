// Vector math entry points: pick the ISA variant once, split large arrays
// over the thread pool.
#include "internal.h"
#include <stdatomic.h>
#include <string.h>

#if defined(__x86_64__)
#define VM_W 16
#define VM_SUFFIX avx512
#define VM_TARGET SYN_TARGET_AVX512
#define VM_HAS_FMA 1
#include "vector_math_impl.h"
#undef VM_W
#undef VM_SUFFIX
#undef VM_TARGET
#undef VM_HAS_FMA

#define VM_W 8
#define VM_SUFFIX avx2
#define VM_TARGET SYN_TARGET_AVX2
#define VM_HAS_FMA 1
#include "vector_math_impl.h"
#undef VM_W
#undef VM_SUFFIX
#undef VM_TARGET
#undef VM_HAS_FMA
#endif

#define VM_W 4
#define VM_SUFFIX portable
#define VM_TARGET
#if defined(__FMA__) || defined(__aarch64__)
#define VM_HAS_FMA 1
#else
#define VM_HAS_FMA 0
#endif
#include "vector_math_impl.h"
#undef VM_W
#undef VM_SUFFIX
#undef VM_TARGET
#undef VM_HAS_FMA

typedef void (*array_fn)(const float *x, float *y, long n);
typedef void (*adam_fn)(float *p, const float *g, float *m, float *v, long n, float lr_t,
                        float b1, float b2, float eps_t, float decay);

/// One ISA's set of vector-math functions.
typedef struct {
    const char *name;
    array_fn exp, log, tanh, sigmoid;
    adam_fn adam;
} vmath_table;

static const vmath_table tables[] = {
    {"portable", array_exp_portable, array_log_portable, array_tanh_portable,
     array_sigmoid_portable, adam_portable},
#if defined(__x86_64__)
    {"avx2", array_exp_avx2, array_log_avx2, array_tanh_avx2, array_sigmoid_avx2, adam_avx2},
    {"avx512", array_exp_avx512, array_log_avx512, array_tanh_avx512, array_sigmoid_avx512,
     adam_avx512},
#endif
};

static const vmath_table *_Atomic selected;

static const vmath_table *table(void) {
    const vmath_table *t = atomic_load_explicit(&selected, memory_order_acquire);
    if (t == NULL) {
        t = &tables[syn_isa_from_env("SYNAPSE_VMATH_KERNEL")];
        atomic_store_explicit(&selected, t, memory_order_release);
    }
    return t;
}

const char *syn_vmath_kernel_name(void) { return table()->name; }

int syn_vmath_force_kernel(const char *name) {
    if (name == NULL || strcmp(name, "auto") == 0) {
        atomic_store(&selected, &tables[syn_isa_from_env("SYNAPSE_VMATH_KERNEL")]);
        return 0;
    }
    int isa = syn_isa_from_name(name);
    if (isa < 0 || isa > (int)syn_cpu_best_isa()) return -1;
    atomic_store(&selected, &tables[isa]);
    return 0;
}

enum {
    PARALLEL_MIN = 1 << 17,  // arrays this long are split over the pool
    CHUNK = 1 << 15,         // elements per task (a multiple of every VM_W)
};

typedef struct {
    array_fn fn;
    const float *x;
    float *y;
    long n;
} array_job;

static void run_chunk(void *context, long index) {
    const array_job *job = context;
    long start = index * CHUNK, len = job->n - start < CHUNK ? job->n - start : CHUNK;
    job->fn(job->x + start, job->y + start, len);
}

static void apply(array_fn fn, const float *x, float *y, long n) {
    if (n < PARALLEL_MIN) {
        if (n > 0) fn(x, y, n);
        return;
    }
    array_job job = {fn, x, y, n};
    syn_parallel_for((n + CHUNK - 1) / CHUNK, run_chunk, &job);
}

void syn_vexp(const float *x, float *y, long n) { apply(table()->exp, x, y, n); }
void syn_vlog(const float *x, float *y, long n) { apply(table()->log, x, y, n); }
void syn_vtanh(const float *x, float *y, long n) { apply(table()->tanh, x, y, n); }
void syn_vsigmoid(const float *x, float *y, long n) { apply(table()->sigmoid, x, y, n); }

/// Adam is memory-bound (4 streams in, 3 out), so it stays on one thread:
/// a second one measured no faster on this class of machine.
void syn_adam_update(float *p, const float *g, float *m, float *v, long n, float lr_t,
                     float beta1, float beta2, float eps_t, float decoupled_decay) {
    if (n <= 0) return;
    unsigned long saved = syn_enter_flush_to_zero();
    table()->adam(p, g, m, v, n, lr_t, beta1, beta2, eps_t, decoupled_decay);
    syn_leave_flush_to_zero(saved);
}

// The library's one thread pool.
//
// The caller of syn_parallel_for posts the job's generation into the mailbox
// of each worker it wants, then takes part itself; indices are claimed with
// an atomic counter. A worker takes a post by swapping its mailbox to 0. When
// the caller has finished, it takes back posts no worker has picked up yet, so
// a worker that the OS has not scheduled (busy machine) never delays a call. Idle
// workers spin (pause), then sched_yield, then sleep on a condition variable
// after SYN_IDLE_NS, so an idle process burns no CPU.
//
// A call made while the pool is busy (from inside a task, or from another
// thread) runs serially on its caller instead of waiting.
//
// When to split (the policy): an operation hands work to the pool only when
// the time it saves clearly exceeds what a hand-over can cost on a busy
// 2-vCPU machine, where the second core may be taken by the prefetch thread
// or another process and a sleeping worker takes 10-50 µs to run. Each kernel
// family states its bound beside its own work estimate: a GEMM splits from
// 8 M multiply-adds (~150 µs on one core; gemm_driver.c, syn_gemm_threads),
// or when a few-row product reads a large B (batch-1 inference); vector math
// from 2^17 elements (vector_math.c); the convolution kernels per image of a
// batch. Below those sizes the work stays on its caller, so a small step (the
// article's MLP at batch 32) runs exactly as with SYNAPSE_NUM_THREADS=1, which
// still forces the thread count for everything.
#define _GNU_SOURCE
#include "internal.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

enum {
    SYN_MAX_THREADS = 256,
    SYN_SPIN_ROUNDS = 4000,        // pause loops before yielding (~10-20 µs)
};
static const long SYN_IDLE_NS = 3000000;  // yield this long before sleeping

typedef struct {
    _Alignas(64) atomic_ulong mailbox;  // generation of a posted job not yet taken, or 0
    atomic_ulong finished;              // last job generation this worker finished
    atomic_int sleeping;                // 1 while waiting on `wake`
    unsigned long taken;                // last generation it took (caller's bookkeeping)
    pthread_mutex_t lock;
    pthread_cond_t wake;
} worker_slot;

static worker_slot slots[SYN_MAX_THREADS];

static struct {
    syn_task_fn fn;
    void *context;
    long count;
    _Alignas(64) atomic_long next;       // next unclaimed index
    _Alignas(64) atomic_long remaining;  // indices not yet finished
    _Alignas(64) atomic_int busy;        // 1 while a parallel_for runs
    atomic_int threads;                  // requested thread count, caller included
    atomic_uint park_epoch;              // bumped by syn_thread_pool_park
    int started;                         // workers created so far
    unsigned long generation;            // last job generation posted
} pool;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_from_environment(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    const char *env = getenv("SYNAPSE_NUM_THREADS");
    if (env != NULL && atoi(env) > 0) n = atoi(env);
    if (n < 1) n = 1;
    if (n > SYN_MAX_THREADS) n = SYN_MAX_THREADS;
    atomic_store(&pool.threads, (int)n);
}

void syn_set_num_threads(int n) {
    pthread_once(&init_once, init_from_environment);
    if (n < 1) n = 1;
    if (n > SYN_MAX_THREADS) n = SYN_MAX_THREADS;
    atomic_store(&pool.threads, n);
}

int syn_num_threads(void) {
    pthread_once(&init_once, init_from_environment);
    return atomic_load_explicit(&pool.threads, memory_order_relaxed);
}

void syn_thread_pool_park(void) { atomic_fetch_add(&pool.park_epoch, 1); }

static long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/// Claims and runs indices of the current job until none are left.
static void run_claimed_indices(void) {
    long done = 0;
    for (;;) {
        long i = atomic_fetch_add_explicit(&pool.next, 1, memory_order_relaxed);
        if (i >= pool.count) break;
        pool.fn(pool.context, i);
        done++;
    }
    if (done > 0) atomic_fetch_sub_explicit(&pool.remaining, done, memory_order_release);
}

static int has_post(worker_slot *s) {
    return atomic_load_explicit(&s->mailbox, memory_order_relaxed) != 0;
}

/// Waits until a job is posted: spin, yield, then sleep.
static void wait_for_post(worker_slot *s) {
    unsigned park = atomic_load(&pool.park_epoch);
    for (int i = 0; i < SYN_SPIN_ROUNDS; i++) {
        if (has_post(s)) return;
        syn_cpu_relax();
    }
    long start = now_ns();
    for (int i = 1; atomic_load(&pool.park_epoch) == park; i++) {
        if (has_post(s)) return;
        sched_yield();
        if (i % 32 == 0 && now_ns() - start > SYN_IDLE_NS) break;
    }
    // Sleep. `sleeping` is set before re-checking the mailbox, and the poster
    // stores the mailbox before reading `sleeping` (both seq_cst), so a post
    // is never missed.
    pthread_mutex_lock(&s->lock);
    atomic_store(&s->sleeping, 1);
    while (atomic_load(&s->mailbox) == 0) pthread_cond_wait(&s->wake, &s->lock);
    atomic_store(&s->sleeping, 0);
    pthread_mutex_unlock(&s->lock);
}

static _Thread_local int pool_thread_index;

int syn_pool_thread_index(void) { return pool_thread_index; }

static void *worker_main(void *arg) {
    worker_slot *s = arg;
    pool_thread_index = (int)(s - slots) + 1;
    for (;;) {
        wait_for_post(s);
        unsigned long generation = atomic_exchange_explicit(&s->mailbox, 0, memory_order_acquire);
        if (generation == 0) continue;  // the caller took its post back
        run_claimed_indices();
        atomic_store_explicit(&s->finished, generation, memory_order_release);
    }
    return NULL;
}

/// Starts workers until `n` exist. Returns how many exist (thread creation may fail).
static int ensure_workers(int n) {
    while (pool.started < n) {
        worker_slot *s = &slots[pool.started];
        pthread_mutex_init(&s->lock, NULL);
        pthread_cond_init(&s->wake, NULL);
        pthread_t t;
        if (pthread_create(&t, NULL, worker_main, s) != 0) break;
        pthread_detach(t);
        pool.started++;
    }
    return pool.started < n ? pool.started : n;
}

static void post_job(worker_slot *s, unsigned long generation) {
    atomic_store(&s->mailbox, generation);
    if (atomic_load(&s->sleeping)) {
        pthread_mutex_lock(&s->lock);
        pthread_cond_signal(&s->wake);
        pthread_mutex_unlock(&s->lock);
    }
}

/// One step of a caller-side wait: pause briefly, then yield on every step so
/// that a worker sharing this core (oversubscribed or busy machine) can run.
/// (`pause` costs ~10-140 cycles depending on the CPU, so ~256 of them is a
/// few µs at most.)
static void backoff(unsigned *spins) {
    if (++*spins > 256) sched_yield();
    else syn_cpu_relax();
}

/// Takes back the posts of the finished job that no worker picked up, and
/// notes which workers did take it.
static void withdraw_posts(int workers) {
    for (int w = 0; w < workers; w++) {
        worker_slot *s = &slots[w];
        if (atomic_exchange_explicit(&s->mailbox, 0, memory_order_acq_rel) == 0)
            s->taken = pool.generation;
    }
}

/// Waits until every worker that took an earlier job has let go of it, so
/// the job fields can be overwritten (a late worker may still be claiming).
static void wait_for_stragglers(void) {
    for (int w = 0; w < pool.started; w++) {
        worker_slot *s = &slots[w];
        unsigned spins = 0;
        while (atomic_load_explicit(&s->finished, memory_order_acquire) != s->taken)
            backoff(&spins);
    }
}

static void run_serially(long count, syn_task_fn fn, void *context) {
    for (long i = 0; i < count; i++) fn(context, i);
}

void syn_parallel_for(long count, syn_task_fn fn, void *context) {
    if (count <= 0) return;
    int threads = syn_num_threads();
    int expected = 0;
    if (count == 1 || threads == 1 ||
        !atomic_compare_exchange_strong(&pool.busy, &expected, 1)) {
        run_serially(count, fn, context);
        return;
    }
    int workers = ensure_workers((int)(count - 1 < threads - 1 ? count - 1 : threads - 1));
    wait_for_stragglers();
    pool.fn = fn;
    pool.context = context;
    pool.count = count;
    atomic_store_explicit(&pool.next, 0, memory_order_relaxed);
    atomic_store_explicit(&pool.remaining, count, memory_order_relaxed);
    pool.generation++;
    for (int w = 0; w < workers; w++) post_job(&slots[w], pool.generation);
    run_claimed_indices();
    unsigned spins = 0;
    while (atomic_load_explicit(&pool.remaining, memory_order_acquire) > 0) backoff(&spins);
    withdraw_posts(workers);
    atomic_store_explicit(&pool.busy, 0, memory_order_release);
}

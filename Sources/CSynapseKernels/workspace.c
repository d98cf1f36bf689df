// Per-thread scratch memory for GEMM packing: allocated once per thread,
// grown when a larger problem needs it, freed at thread exit.
#include "internal.h"
#include <pthread.h>
#include <stdlib.h>

static _Thread_local float *tl_buffer;
static _Thread_local size_t tl_capacity;  // in floats
static pthread_key_t free_key;
static pthread_once_t free_key_once = PTHREAD_ONCE_INIT;

static void make_free_key(void) { pthread_key_create(&free_key, free); }

float *syn_thread_workspace(size_t floats) {
    if (floats <= tl_capacity) return tl_buffer;
    pthread_once(&free_key_once, make_free_key);
    free(tl_buffer);
    size_t bytes = ((floats * sizeof(float)) + 63) & ~(size_t)63;
    void *p = NULL;
    if (posix_memalign(&p, 64, bytes) != 0) abort();  // out of memory
    tl_buffer = p;
    tl_capacity = bytes / sizeof(float);
    pthread_setspecific(free_key, p);  // freed by the key's destructor at exit
    return tl_buffer;
}

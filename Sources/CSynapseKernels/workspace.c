// Per-thread scratch memory for GEMM packing: allocated once per thread and
// slot, grown when a larger problem needs it, freed at thread exit.
#include "internal.h"
#include <pthread.h>
#include <stdlib.h>

static _Thread_local float *tl_buffer[SYN_WORKSPACE_SLOTS];
static _Thread_local size_t tl_capacity[SYN_WORKSPACE_SLOTS];  // in floats
static pthread_key_t free_keys[SYN_WORKSPACE_SLOTS];
static pthread_once_t free_keys_once = PTHREAD_ONCE_INIT;

static void make_free_keys(void) {
    for (int s = 0; s < SYN_WORKSPACE_SLOTS; s++) pthread_key_create(&free_keys[s], free);
}

float *syn_thread_workspace(int slot, size_t floats) {
    if (floats <= tl_capacity[slot]) return tl_buffer[slot];
    pthread_once(&free_keys_once, make_free_keys);
    free(tl_buffer[slot]);
    size_t bytes = ((floats * sizeof(float)) + 63) & ~(size_t)63;
    void *p = NULL;
    if (posix_memalign(&p, 64, bytes) != 0) abort();  // out of memory
    tl_buffer[slot] = p;
    tl_capacity[slot] = bytes / sizeof(float);
    pthread_setspecific(free_keys[slot], p);  // freed by the key's destructor at exit
    return p;
}

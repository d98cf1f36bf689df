// CPU feature detection and the SYNAPSE_*_KERNEL environment overrides.
#include "internal.h"
#include <stdlib.h>
#include <string.h>

syn_isa syn_cpu_best_isa(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("fma"))
        return SYN_ISA_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return SYN_ISA_AVX2;
#endif
    return SYN_ISA_PORTABLE;
}

int syn_isa_from_name(const char *name) {
    if (name == NULL) return -1;
    if (strcmp(name, "portable") == 0) return SYN_ISA_PORTABLE;
    if (strcmp(name, "avx2") == 0) return SYN_ISA_AVX2;
    if (strcmp(name, "avx512") == 0) return SYN_ISA_AVX512;
    return -1;
}

syn_isa syn_isa_from_env(const char *env_name) {
    syn_isa best = syn_cpu_best_isa();
    int wanted = syn_isa_from_name(getenv(env_name));
    if (wanted >= 0 && wanted <= (int)best) return (syn_isa)wanted;
    return best;
}

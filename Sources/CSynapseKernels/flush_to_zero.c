// Flushing subnormal floats to zero for the calling thread.
//
// Optimiser state decays towards zero for weights whose gradient is almost
// always zero (the always-black pixels of MNIST): Adam's moments reach the
// subnormal range, where every arithmetic instruction takes a microcode
// assist and the update runs ~100x slower. TensorFlow flushes subnormals on
// its CPU ops for the same reason.
#include "synapse_kernels.h"

#if defined(__x86_64__)
#include <xmmintrin.h>
enum { MXCSR_FLUSH_TO_ZERO = 1 << 15, MXCSR_DENORMALS_ARE_ZERO = 1 << 6 };

unsigned long syn_enter_flush_to_zero(void) {
    unsigned saved = _mm_getcsr();
    _mm_setcsr(saved | MXCSR_FLUSH_TO_ZERO | MXCSR_DENORMALS_ARE_ZERO);
    return saved;
}

void syn_leave_flush_to_zero(unsigned long saved) { _mm_setcsr((unsigned)saved); }

#elif defined(__aarch64__)
enum { FPCR_FLUSH_TO_ZERO = 1 << 24 };

unsigned long syn_enter_flush_to_zero(void) {
    unsigned long saved;
    __asm__ volatile("mrs %0, fpcr" : "=r"(saved));
    __asm__ volatile("msr fpcr, %0" : : "r"(saved | FPCR_FLUSH_TO_ZERO));
    return saved;
}

void syn_leave_flush_to_zero(unsigned long saved) { __asm__ volatile("msr fpcr, %0" : : "r"(saved)); }

#else
unsigned long syn_enter_flush_to_zero(void) { return 0; }
void syn_leave_flush_to_zero(unsigned long saved) { (void)saved; }
#endif

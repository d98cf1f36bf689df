#ifndef SYNAPSE_FUZZ_DRIVER_H
#define SYNAPSE_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (LLVM 11 and later): parses libFuzzer's command line and
/// runs `callback` on each input. Only the libFuzzer build of synapse-fuzz
/// (-sanitize=fuzzer, -DLIBFUZZER) calls it; it is declared here, not defined,
/// so that the normal build links without libFuzzer.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif

/*===- FuzzCommon.h - what kern's libFuzzer targets share ------*- C -*-===*
 *
 * One MLIR context for the whole fuzzing run (kern and every upstream
 * dialect registered, diagnostics swallowed: an input that does not parse or
 * verify or that a pass rejects is an ordinary outcome, only a crash, a
 * sanitizer report or a hang is a finding), and the parse + verify step
 * that every target starts with:
 *
 *   MlirContext ctx = kernFuzzContext();
 *   MlirModule m = kernFuzzParse(ctx, data, size);   // null: rejected
 *   if (!mlirModuleIsNull(m)) { ...; mlirModuleDestroy(m); }
 *
 *===----------------------------------------------------------------------===*/

#ifndef KERN_FUZZ_COMMON_H
#define KERN_FUZZ_COMMON_H

#include "mlir-c/IR.h"

#include <stddef.h>
#include <stdint.h>

/* The run's context, made on first use. */
MlirContext kernFuzzContext(void);

/* Parses `data` (any bytes, not NUL-terminated) as a module and verifies
 * it; a null module when it does not parse or verify. */
MlirModule kernFuzzParse(MlirContext ctx, const uint8_t *data, size_t size);

/* A stable hash of the input, to pick a pipeline per input reproducibly. */
uint32_t kernFuzzHash(const uint8_t *data, size_t size);

#endif /* KERN_FUZZ_COMMON_H */

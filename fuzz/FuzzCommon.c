/*===- FuzzCommon.c - the context and parse step of kern's fuzzers --------===*
 *
 * See FuzzCommon.h. Diagnostics are swallowed unless KERN_FUZZ_VERBOSE is
 * set in the environment (then printed to stderr, to see why a reproducer
 * is rejected).
 *
 *===----------------------------------------------------------------------===*/

#include "FuzzCommon.h"

#include "kern-c/Dialect.h"
#include "kern-c/Passes.h"

#include "mlir-c/Diagnostics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void printPart(MlirStringRef s, void *userData) {
  fwrite(s.data, 1, s.length, (FILE *)userData);
}

static MlirLogicalResult onDiagnostic(MlirDiagnostic d, void *userData) {
  if (userData) {
    mlirDiagnosticPrint(d, printPart, stderr);
    fputc('\n', stderr);
  }
  return mlirLogicalResultSuccess();
}

MlirContext kernFuzzContext(void) {
  static MlirContext ctx;
  static int made;
  if (made)
    return ctx;
  ctx = kernContextCreate();
  /* One thread: reproducible runs, and no thread pool per input. */
  mlirContextEnableMultithreading(ctx, false);
  kernRegisterPasses();
  mlirContextAttachDiagnosticHandler(
      ctx, onDiagnostic, getenv("KERN_FUZZ_VERBOSE") ? (void *)1 : NULL, NULL);
  made = 1;
  return ctx;
}

MlirModule kernFuzzParse(MlirContext ctx, const uint8_t *data, size_t size) {
  /* The parser wants a NUL after the text; libFuzzer's buffer has none. */
  char *text = malloc(size + 1);
  if (!text)
    return (MlirModule){NULL};
  memcpy(text, data, size);
  text[size] = '\0';
  MlirModule m = mlirModuleCreateParse(
      ctx, (MlirStringRef){.data = text, .length = size});
  free(text);
  if (mlirModuleIsNull(m))
    return m;
  if (!mlirOperationVerify(mlirModuleGetOperation(m))) {
    mlirModuleDestroy(m);
    return (MlirModule){NULL};
  }
  return m;
}

uint32_t kernFuzzHash(const uint8_t *data, size_t size) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < size; ++i)
    h = (h ^ data[i]) * 16777619u;
  return h;
}

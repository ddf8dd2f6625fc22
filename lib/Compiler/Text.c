/*===- Text.c - growing strings and captured diagnostics -------------------===*/

#include "Internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kernTextAppend(KernText *t, const char *s, size_t n) {
  if (t->length + n + 1 > t->capacity) {
    size_t capacity = t->capacity ? t->capacity : 256;
    while (t->length + n + 1 > capacity)
      capacity *= 2;
    char *data = realloc(t->data, capacity);
    if (!data)
      return; /* out of memory: the text is cut short, not corrupted */
    t->data = data;
    t->capacity = capacity;
  }
  memcpy(t->data + t->length, s, n);
  t->length += n;
  t->data[t->length] = '\0';
}

void kernTextPrintf(KernText *t, const char *fmt, ...) {
  char small[512];
  va_list args;
  va_start(args, fmt);
  int n = vsnprintf(small, sizeof small, fmt, args);
  va_end(args);
  if (n < 0)
    return;
  if ((size_t)n < sizeof small) {
    kernTextAppend(t, small, (size_t)n);
    return;
  }
  char *large = malloc((size_t)n + 1);
  if (!large)
    return;
  va_start(args, fmt);
  vsnprintf(large, (size_t)n + 1, fmt, args);
  va_end(args);
  kernTextAppend(t, large, (size_t)n);
  free(large);
}

char *kernTextTake(KernText *t) {
  char *s = t->data ? t->data : calloc(1, 1);
  *t = (KernText){0};
  return s;
}

void kernTextFree(KernText *t) {
  free(t->data);
  *t = (KernText){0};
}

void kernTextAppendCallback(MlirStringRef s, void *userData) {
  kernTextAppend(userData, s.data, s.length);
}

void kernTextAppendLLVMError(KernText *t, LLVMErrorRef error) {
  char *message = LLVMGetErrorMessage(error);
  kernTextPrintf(t, "%s", message);
  LLVMDisposeErrorMessage(message);
}

/*===----------------------------------------------------------------------===*
 * Diagnostics
 *===----------------------------------------------------------------------===*/

/* "file:line:col" of the most precise file location inside `loc`. */
static void appendLocation(KernText *t, MlirLocation loc) {
  while (true) {
    if (mlirLocationIsAFileLineColRange(loc)) {
      MlirIdentifier file = mlirLocationFileLineColRangeGetFilename(loc);
      MlirStringRef name = mlirIdentifierStr(file);
      kernTextPrintf(t, "%.*s:%d:%d", (int)name.length, name.data,
                     mlirLocationFileLineColRangeGetStartLine(loc),
                     mlirLocationFileLineColRangeGetStartColumn(loc));
      return;
    }
    if (mlirLocationIsAName(loc))
      loc = mlirLocationNameGetChildLoc(loc);
    else if (mlirLocationIsACallSite(loc))
      loc = mlirLocationCallSiteGetCallee(loc);
    else if (mlirLocationIsAFused(loc) &&
             mlirLocationFusedGetNumLocations(loc) > 0) {
      intptr_t n = mlirLocationFusedGetNumLocations(loc);
      MlirLocation *parts = calloc((size_t)n, sizeof *parts);
      if (!parts) /* out of memory: print it whole rather than pick */
        break;
      mlirLocationFusedGetLocations(loc, parts);
      loc = parts[0];
      free(parts);
    } else
      break;
  }
  mlirLocationPrint(loc, kernTextAppendCallback, t);
}

static const char *severityName(MlirDiagnosticSeverity s) {
  switch (s) {
  case MlirDiagnosticError:
    return "error";
  case MlirDiagnosticWarning:
    return "warning";
  case MlirDiagnosticNote:
    return "note";
  case MlirDiagnosticRemark:
    return "remark";
  }
  return "error";
}

void kernTextAppendDiagnostic(KernText *t, MlirDiagnostic d) {
  appendLocation(t, mlirDiagnosticGetLocation(d));
  kernTextPrintf(t, ": %s: ", severityName(mlirDiagnosticGetSeverity(d)));
  mlirDiagnosticPrint(d, kernTextAppendCallback, t);
  kernTextAppend(t, "\n", 1);
  for (intptr_t i = 0, n = mlirDiagnosticGetNumNotes(d); i < n; ++i)
    kernTextAppendDiagnostic(t, mlirDiagnosticGetNote(d, i));
}

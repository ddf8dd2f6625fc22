/*===- JIT.c - object code into ORC LLJIT -----------------------------------===*
 *
 * Each module gets its own LLJIT, so that two modules may define the same
 * symbol and destroying one frees its code. Compiled code calls into
 *   libkern_runtime  kern_rt_* (errors, random numbers)
 *   libm, libmvec    scalar and vector math (_ZGV*)
 *   libomp           __kmpc_* when the module runs OpenMP loops
 *   MLIR runner utils memrefCopy, for copies between strided memrefs
 * and finds them through a process symbol generator, which sees only the
 * global symbol scope: the libraries are loaded (or promoted) RTLD_GLOBAL
 * before the object is linked.
 *
 *===----------------------------------------------------------------------===*/

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "Internal.h"

#include "kern-c/Runtime.h"

#include "llvm-c/Object.h"
#include "llvm-c/Orc.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#ifndef KERN_LLVM_LIBDIR
#define KERN_LLVM_LIBDIR "/usr/lib/llvm-22/lib"
#endif

/*===----------------------------------------------------------------------===*
 * Libraries
 *===----------------------------------------------------------------------===*/

void kernJITPrepareProcess(void) {
  /* Python's ctypes opens libkern (and with it libkern_runtime)
   * RTLD_LOCAL; promote the runtime to the global scope. */
  Dl_info info;
  if (dladdr((void *)&kernRuntimeCall, &info) && info.dli_fname)
    dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
}

typedef struct {
  const char *prefix; /* of the undefined symbols that need the library */
  const char *library; /* a path, or a name beside libkern_runtime */
  bool besideRuntime;
} KernLibraryNeed;

static const KernLibraryNeed kNeeds[] = {
    {"_ZGV", "libmvec.so.1", false},
    {"__kmpc_", KERN_LLVM_LIBDIR "/libomp.so", false},
    {"omp_", KERN_LLVM_LIBDIR "/libomp.so", false},
    {"memrefCopy", KERN_LLVM_LIBDIR "/libmlir_c_runner_utils.so", false},
    /* NumPy's Generator distributions (lib/Runtime/npyrandom) */
    {"random_", "libkern_npyrandom.so", true},
};

/* Opens a needed library RTLD_GLOBAL: by its path, or from the directory
 * of libkern_runtime. */
static void *openNeeded(const KernLibraryNeed *need) {
  if (!need->besideRuntime)
    return dlopen(need->library, RTLD_NOW | RTLD_GLOBAL);
  Dl_info info;
  if (!dladdr((void *)&kernRuntimeCall, &info) || !info.dli_fname)
    return NULL;
  const char *slash = strrchr(info.dli_fname, '/');
  size_t dir = slash ? (size_t)(slash - info.dli_fname) + 1 : 0;
  size_t size = dir + strlen(need->library) + 1;
  char *path = malloc(size);
  if (!path)
    return NULL;
  memcpy(path, info.dli_fname, dir);
  strcpy(path + dir, need->library);
  void *handle = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
  free(path);
  return handle;
}

static bool startsWith(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool endsWith(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Loads, RTLD_GLOBAL, each library that an undefined symbol of `binary`
 * needs; false and *error when one cannot be loaded. Writes the name of a
 * packed entry point (a global symbol the object defines, for linking by
 * lookup) to *defined (a copy the caller frees), or NULL if there is none. */
static bool loadNeededLibraries(LLVMBinaryRef binary, char **defined,
                                KernText *error) {
  bool ok = true, loaded[sizeof kNeeds / sizeof kNeeds[0]] = {false};
  *defined = NULL;
  LLVMSymbolIteratorRef sym = LLVMObjectFileCopySymbolIterator(binary);
  LLVMSectionIteratorRef sect = LLVMObjectFileCopySectionIterator(binary);
  for (; !LLVMObjectFileIsSymbolIteratorAtEnd(binary, sym);
       LLVMMoveToNextSymbol(sym)) {
    const char *name = LLVMGetSymbolName(sym);
    if (!name || !*name)
      continue;
    LLVMMoveToContainingSection(sect, sym);
    if (!LLVMObjectFileIsSectionIteratorAtEnd(binary, sect)) {
      if (!*defined && endsWith(name, "__kern_packed"))
        *defined = strdup(name); /* NULL when out of memory: no lookup */
      continue;
    }
    for (size_t i = 0; i < sizeof kNeeds / sizeof kNeeds[0]; ++i) {
      if (loaded[i] || !startsWith(name, kNeeds[i].prefix))
        continue;
      loaded[i] = true;
      if (openNeeded(&kNeeds[i])) {
        kernRuntimeLibrariesChanged(); /* libomp: Error.c looks again */
      } else {
        kernTextPrintf(error, "compiled code calls %s, but %s: %s\n", name,
                       kNeeds[i].library, dlerror());
        ok = false;
      }
    }
  }
  LLVMDisposeSectionIterator(sect);
  LLVMDisposeSymbolIterator(sym);
  return ok;
}

/*===----------------------------------------------------------------------===*
 * Loading
 *===----------------------------------------------------------------------===*/

/* Where the JIT's session errors go (the names of missing symbols, ...):
 * the error text of the load running on this thread, if any. ORC would
 * print them to stderr otherwise. */
static _Thread_local KernText *sessionErrors;

static void reportSessionError(void *ctx, LLVMErrorRef err) {
  (void)ctx;
  if (!sessionErrors) {
    LLVMConsumeError(err);
    return;
  }
  kernTextAppendLLVMError(sessionErrors, err);
  kernTextPrintf(sessionErrors, "\n");
}

static LLVMOrcLLJITRef createJIT(KernText *error) {
  LLVMOrcLLJITRef jit = NULL;
  LLVMErrorRef err = LLVMOrcCreateLLJIT(&jit, LLVMOrcCreateLLJITBuilder());
  if (err) {
    kernTextPrintf(error, "cannot create the JIT: ");
    kernTextAppendLLVMError(error, err);
    kernTextPrintf(error, "\n");
    return NULL;
  }
  LLVMOrcDefinitionGeneratorRef process = NULL;
  err = LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(
      &process, LLVMOrcLLJITGetGlobalPrefix(jit), NULL, NULL);
  if (err) {
    kernTextPrintf(error, "cannot search the process for symbols: ");
    kernTextAppendLLVMError(error, err);
    kernTextPrintf(error, "\n");
    LLVMConsumeError(LLVMOrcDisposeLLJIT(jit));
    return NULL;
  }
  LLVMOrcJITDylibAddGenerator(LLVMOrcLLJITGetMainJITDylib(jit), process);
  LLVMOrcExecutionSessionSetErrorReporter(
      LLVMOrcLLJITGetExecutionSession(jit), reportSessionError, NULL);
  return jit;
}

LLVMOrcLLJITRef kernJITLoadObject(const void *object, size_t size,
                                  KernText *error) {
  LLVMMemoryBufferRef view = LLVMCreateMemoryBufferWithMemoryRange(
      object, size, "kern-object", false);
  char *message = NULL;
  LLVMBinaryRef binary = LLVMCreateBinary(view, NULL, &message);
  if (!binary) {
    kernTextPrintf(error, "not an object file: %s\n", message ? message : "");
    LLVMDisposeMessage(message);
    LLVMDisposeMemoryBuffer(view);
    return NULL;
  }
  char *defined;
  bool ok = loadNeededLibraries(binary, &defined, error);
  LLVMDisposeBinary(binary);
  LLVMDisposeMemoryBuffer(view);
  LLVMOrcLLJITRef jit = ok ? createJIT(error) : NULL;
  if (!jit) {
    free(defined);
    return NULL;
  }
  LLVMErrorRef err = LLVMOrcLLJITAddObjectFile(
      jit, LLVMOrcLLJITGetMainJITDylib(jit),
      LLVMCreateMemoryBufferWithMemoryRangeCopy(object, size, "kern-object"));
  /* Linking happens at the first lookup; do it now, so that unresolved
   * symbols are an error of the compile rather than of a later call. */
  LLVMOrcExecutorAddress address;
  sessionErrors = error;
  if (!err && defined)
    err = LLVMOrcLLJITLookup(jit, &address, defined);
  sessionErrors = NULL;
  free(defined);
  if (err) {
    kernTextPrintf(error, "cannot load the compiled code: ");
    kernTextAppendLLVMError(error, err);
    kernTextPrintf(error, "\n");
    LLVMConsumeError(LLVMOrcDisposeLLJIT(jit));
    return NULL;
  }
  return jit;
}

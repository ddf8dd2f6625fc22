/*===- Threads.c - how many threads parallel code uses ---------------------===*
 *
 * Parallel code runs on libomp, which the compiler loads (RTLD_GLOBAL) when
 * it first compiles parallel code; the runtime does not link it. So the
 * OpenMP entry points are looked up with dlsym when needed:
 *
 *   - libomp loaded: omp_set_num_threads / omp_get_max_threads.
 *   - not yet: the request goes to OMP_NUM_THREADS, which libomp reads when
 *     it initializes.
 *
 * KERN_NUM_THREADS, when set to a positive number, is applied when the
 * library loads (like NUMBA_NUM_THREADS).
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *ompSymbol(const char *name) { return dlsym(RTLD_DEFAULT, name); }

static int positive(const char *text) {
  if (!text || !*text)
    return 0;
  char *end;
  long n = strtol(text, &end, 10);
  return *end == '\0' && n > 0 && n < 1 << 20 ? (int)n : 0;
}

static void setThreads(int n) {
  void (*set)(int) = (void (*)(int))ompSymbol("omp_set_num_threads");
  if (set) {
    set(n);
    return;
  }
  char text[16];
  snprintf(text, sizeof text, "%d", n);
  setenv("OMP_NUM_THREADS", text, 1);
}

static pthread_once_t environmentOnce = PTHREAD_ONCE_INIT;

static void applyEnvironment(void) {
  int n = positive(getenv("KERN_NUM_THREADS"));
  if (n)
    setThreads(n);
}

/* Also at load time, so that KERN_NUM_THREADS holds for parallel code run
 * before anyone asks (libomp, loaded later, then reads OMP_NUM_THREADS). */
__attribute__((constructor)) static void applyEnvironmentAtLoad(void) {
  pthread_once(&environmentOnce, applyEnvironment);
}

void kernRuntimeSetNumThreads(int n) {
  pthread_once(&environmentOnce, applyEnvironment);
  if (n > 0)
    setThreads(n);
}

int kernRuntimeGetNumThreads(void) {
  pthread_once(&environmentOnce, applyEnvironment);
  int (*get)(void) = (int (*)(void))ompSymbol("omp_get_max_threads");
  if (get)
    return get();
  int n = positive(getenv("OMP_NUM_THREADS"));
  if (n)
    return n;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  return cpus > 0 ? (int)cpus : 1;
}

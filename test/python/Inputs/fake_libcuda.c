/* A stand-in for libcuda.so.1 (test_cuda_gpu_path.py): the Driver API
 * functions lib/Runtime/Cuda.c looks up, on host memory. Device memory is
 * malloc'd, copies are memcpy, a module keeps its PTX, and cuLaunchKernel
 * runs nothing: it appends to $FAKE_CUDA_LOG one line
 *   launch <name> <grid x y z> <block x y z> <shared> <n> <param>...
 * with each parameter's first 8 bytes (as many as the PTX's .entry
 * declares), so that a test can check what kern passes to a kernel. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef struct {
  char *ptx;
} Module;
typedef struct {
  char name[256];
  int nparams;
} Function;

static int ctx = 1;

CUresult cuInit(unsigned f) { (void)f; return 0; }
CUresult cuDriverGetVersion(int *v) { *v = 12000; return 0; }
CUresult cuDeviceGetCount(int *n) { *n = 1; return 0; }
CUresult cuDeviceGet(int *d, int i) { *d = i; return i == 0 ? 0 : 101; }
CUresult cuDeviceGetName(char *name, int n, int d) {
  (void)d;
  snprintf(name, (size_t)n, "Fake GPU");
  return 0;
}
CUresult cuDeviceGetAttribute(int *v, int attr, int d) {
  /* compute capability 8.0, or FAKE_CUDA_CC="major.minor" */
  const char *cc = getenv("FAKE_CUDA_CC");
  int major = 8, minor = 0;
  (void)d;
  if (cc && sscanf(cc, "%d.%d", &major, &minor) != 2)
    major = 8, minor = 0;
  *v = attr == 75 ? major : attr == 76 ? minor : 0;
  return 0;
}
CUresult cuDevicePrimaryCtxRetain(void **c, int d) { (void)d; *c = &ctx; return 0; }
static void *current;
CUresult cuCtxGetCurrent(void **c) { *c = current; return 0; }
CUresult cuCtxSetCurrent(void *c) { current = c; return 0; }
CUresult cuCtxSynchronize(void) { return 0; }
CUresult cuGetErrorName(CUresult r, const char **s) {
  *s = r ? "CUDA_ERROR_FAKE" : "CUDA_SUCCESS";
  return 0;
}
CUresult cuGetErrorString(CUresult r, const char **s) {
  *s = r ? "fake error" : "no error";
  return 0;
}
CUresult cuModuleLoadDataEx(void **m, const void *ptx, unsigned n, int *o,
                            void **v) {
  (void)n; (void)o; (void)v;
  Module *mod = malloc(sizeof *mod);
  mod->ptx = strdup(ptx);
  *m = mod;
  return 0;
}
CUresult cuModuleGetFunction(void **f, void *m, const char *name) {
  Module *mod = m;
  char pattern[300];
  snprintf(pattern, sizeof pattern, ".entry %s(", name);
  const char *at = strstr(mod->ptx, pattern);
  if (!at)
    return 500; /* CUDA_ERROR_NOT_FOUND */
  const char *end = strchr(at, ')');
  Function *fn = calloc(1, sizeof *fn);
  snprintf(fn->name, sizeof fn->name, "%s", name);
  for (const char *p = at; (p = strstr(p, ".param")) && p < end; p += 6)
    ++fn->nparams;
  *f = fn;
  return 0;
}
/* The kernels' error word (convert-kern-to-gpu's @__kern_error): a launch
 * with $FAKE_CUDA_RAISE=N set stores N, as a kernel thread reaching its
 * N-th raise would. */
static int32_t errorWord;
CUresult cuModuleGetGlobal_v2(uint64_t *p, size_t *n, void *m, const char *name) {
  (void)m;
  if (strcmp(name, "__kern_error") != 0)
    return 500;
  *p = (uint64_t)(uintptr_t)&errorWord;
  *n = sizeof errorWord;
  return 0;
}
CUresult cuFuncSetAttribute(void *f, int a, int v) { (void)f; (void)a; (void)v; return 0; }
CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz,
                        unsigned bx, unsigned by, unsigned bz, unsigned shared,
                        void *stream, void **params, void **extra) {
  (void)stream; (void)extra;
  Function *fn = f;
  const char *raise = getenv("FAKE_CUDA_RAISE");
  if (raise && *raise)
    errorWord = atoi(raise);
  const char *path = getenv("FAKE_CUDA_LOG");
  FILE *log = path ? fopen(path, "a") : NULL;
  if (!log)
    return 0;
  fprintf(log, "launch %s %u %u %u %u %u %u %u %d", fn->name, gx, gy, gz, bx,
          by, bz, shared, fn->nparams);
  for (int i = 0; i < fn->nparams; ++i) {
    uint64_t v;
    memcpy(&v, params[i], sizeof v);
    fprintf(log, " %llu", (unsigned long long)v);
  }
  fprintf(log, "\n");
  fclose(log);
  return 0;
}
CUresult cuMemAlloc_v2(uint64_t *p, size_t n) { *p = (uint64_t)(uintptr_t)malloc(n); return 0; }
CUresult cuMemFree_v2(uint64_t p) { free((void *)(uintptr_t)p); return 0; }
CUresult cuMemGetInfo_v2(size_t *f, size_t *t) { *f = *t = 1 << 30; return 0; }
CUresult cuMemcpyHtoDAsync_v2(uint64_t d, const void *s, size_t n, void *st) {
  (void)st;
  memcpy((void *)(uintptr_t)d, s, n);
  return 0;
}
CUresult cuMemcpyDtoHAsync_v2(void *d, uint64_t s, size_t n, void *st) {
  (void)st;
  memcpy(d, (void *)(uintptr_t)s, n);
  return 0;
}
CUresult cuMemcpyDtoDAsync_v2(uint64_t d, uint64_t s, size_t n, void *st) {
  (void)st;
  memcpy((void *)(uintptr_t)d, (void *)(uintptr_t)s, n);
  return 0;
}
CUresult cuMemsetD8Async(uint64_t d, unsigned char v, size_t n, void *st) {
  (void)st;
  memset((void *)(uintptr_t)d, v, n);
  return 0;
}
static int token;
CUresult cuStreamCreate(void **s, unsigned f) { (void)f; *s = &token; return 0; }
CUresult cuStreamDestroy_v2(void *s) { (void)s; return 0; }
CUresult cuStreamSynchronize(void *s) { (void)s; return 0; }
CUresult cuEventCreate(void **e, unsigned f) { (void)f; *e = malloc(8); return 0; }
CUresult cuEventDestroy_v2(void *e) { free(e); return 0; }
CUresult cuEventRecord(void *e, void *s) { (void)e; (void)s; return 0; }
CUresult cuEventSynchronize(void *e) { (void)e; return 0; }
CUresult cuEventElapsedTime(float *ms, void *a, void *b) { (void)a; (void)b; *ms = 1.5f; return 0; }

/*===- Cuda.c - kern.cuda on a GPU: the CUDA Driver API through dlopen ----===*
 *
 * The runtime of kern.cuda's GPU path. libcuda is never linked: it is
 * opened with dlopen("libcuda.so.1") (KERN_CUDA_LIBRARY names another file)
 * at the first use, so that kern builds, imports and runs its CPU features
 * on machines without a driver; every entry point then fails with a clear
 * message instead.
 *
 *   - Contexts: the primary context of the selected device (0 unless
 *     kern_rt_cuda_select_device chose another), made current on the
 *     calling thread at its first use.
 *   - Modules: kern_rt_gpu_launch (what kern-gpu-launch-to-runtime calls)
 *     loads the launch's PTX with cuModuleLoadDataEx (the driver JITs it
 *     to SASS) the first time it runs in a context, keeps the module in a
 *     cache keyed by (context, PTX), and remembers the CUfunction in the
 *     launch's slot (its context and function), so that later launches
 *     cost one comparison and cuLaunchKernel.
 *   - Launches run on the thread's current stream (kern_rt_cuda_set_stream;
 *     0 is the default stream); a launch on the default stream synchronizes
 *     so that a fault is reported by the launch that made it.
 *   - Memory, copies, streams and events for kern/cuda (ctypes): each
 *     returns the CUresult (0 for success); kern_rt_cuda_error_text gives
 *     the message of the last failure on the thread.
 *
 * Errors inside a launch call kern_rt_raise (a RuntimeError naming the
 * driver call and the CUDA error, or a ValueError for a launch
 * configuration the device refuses), which reaches Python as for any kern
 * function. A raise in a kernel thread (convert-kern-to-gpu) leaves its
 * number in the module's `__kern_error` word and ends the thread; the
 * launch reads the word after the kernel, clears it and raises the
 * kernel's exception with its kind and message (the context stays
 * usable).
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef int CUdevice;
typedef void *CUcontext, *CUmodule, *CUfunction, *CUstream, *CUevent;
typedef unsigned long long CUdeviceptr;

enum {
  CUDA_SUCCESS = 0,
  CUDA_ERROR_INVALID_VALUE = 1,
  CUDA_ERROR_NOT_INITIALIZED = 3,
  CUDA_ERROR_NO_DEVICE = 100,
  CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES = 701,
  KERN_CUDA_NO_DRIVER = 999, /* CUDA_ERROR_UNKNOWN: libcuda did not open */
};

enum {
  CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75,
  CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76,
  CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES = 8,
  CU_JIT_ERROR_LOG_BUFFER = 5,
  CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6,
};

/* The driver's functions this runtime uses, looked up once. */
#define KERN_CUDA_FUNCTIONS(X)                                                 \
  X(cuInit, (unsigned))                                                        \
  X(cuDriverGetVersion, (int *))                                               \
  X(cuDeviceGetCount, (int *))                                                 \
  X(cuDeviceGet, (CUdevice *, int))                                            \
  X(cuDeviceGetName, (char *, int, CUdevice))                                  \
  X(cuDeviceGetAttribute, (int *, int, CUdevice))                              \
  X(cuDevicePrimaryCtxRetain, (CUcontext *, CUdevice))                         \
  X(cuCtxGetCurrent, (CUcontext *))                                            \
  X(cuCtxSetCurrent, (CUcontext))                                              \
  X(cuCtxSynchronize, (void))                                                  \
  X(cuGetErrorName, (CUresult, const char **))                                 \
  X(cuGetErrorString, (CUresult, const char **))                               \
  X(cuModuleLoadDataEx, (CUmodule *, const void *, unsigned, int *, void **))  \
  X(cuModuleGetFunction, (CUfunction *, CUmodule, const char *))               \
  X(cuModuleGetGlobal_v2, (CUdeviceptr *, size_t *, CUmodule, const char *))   \
  X(cuFuncSetAttribute, (CUfunction, int, int))                                \
  X(cuLaunchKernel, (CUfunction, unsigned, unsigned, unsigned, unsigned,       \
                     unsigned, unsigned, unsigned, CUstream, void **, void **))\
  X(cuMemAlloc_v2, (CUdeviceptr *, size_t))                                    \
  X(cuMemFree_v2, (CUdeviceptr))                                               \
  X(cuMemGetInfo_v2, (size_t *, size_t *))                                     \
  X(cuMemcpyHtoDAsync_v2, (CUdeviceptr, const void *, size_t, CUstream))       \
  X(cuMemcpyDtoHAsync_v2, (void *, CUdeviceptr, size_t, CUstream))             \
  X(cuMemcpyDtoDAsync_v2, (CUdeviceptr, CUdeviceptr, size_t, CUstream))        \
  X(cuMemsetD8Async, (CUdeviceptr, unsigned char, size_t, CUstream))           \
  X(cuStreamCreate, (CUstream *, unsigned))                                    \
  X(cuStreamDestroy_v2, (CUstream))                                            \
  X(cuStreamSynchronize, (CUstream))                                           \
  X(cuEventCreate, (CUevent *, unsigned))                                      \
  X(cuEventDestroy_v2, (CUevent))                                              \
  X(cuEventRecord, (CUevent, CUstream))                                        \
  X(cuEventSynchronize, (CUevent))                                             \
  X(cuEventElapsedTime, (float *, CUevent, CUevent))

#define KERN_CUDA_POINTER(name, args) CUresult(*name) args;
static struct {
  KERN_CUDA_FUNCTIONS(KERN_CUDA_POINTER)
} drv;
#undef KERN_CUDA_POINTER

static void *library;
static CUresult loadStatus = KERN_CUDA_NO_DRIVER;
static char loadMessage[512];
static pthread_once_t loadOnce = PTHREAD_ONCE_INIT;
static int selectedDevice;
static _Thread_local char threadError[1024];
static _Thread_local CUstream threadStream;

static void loadDriver(void) {
  const char *path = getenv("KERN_CUDA_LIBRARY");
  if (!path || !*path)
    path = "libcuda.so.1";
  library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char *why = dlerror();
    snprintf(loadMessage, sizeof loadMessage,
             "kern.cuda: no CUDA driver (dlopen(\"%s\") failed: %s)", path,
             why ? why : "unknown error");
    return;
  }
#define KERN_CUDA_LOOKUP(name, args)                                           \
  *(void **)&drv.name = dlsym(library, #name);                                 \
  if (!drv.name) {                                                             \
    snprintf(loadMessage, sizeof loadMessage,                                  \
             "kern.cuda: the CUDA driver %s has no %s (too old a driver)",     \
             path, #name);                                                     \
    return;                                                                    \
  }
  KERN_CUDA_FUNCTIONS(KERN_CUDA_LOOKUP)
#undef KERN_CUDA_LOOKUP
  CUresult r = drv.cuInit(0);
  if (r != CUDA_SUCCESS) {
    const char *name = NULL;
    drv.cuGetErrorName(r, &name);
    snprintf(loadMessage, sizeof loadMessage,
             "kern.cuda: cuInit failed: %s (error %d)", name ? name : "?", r);
    loadStatus = r;
    return;
  }
  int count = 0;
  if (drv.cuDeviceGetCount(&count) != CUDA_SUCCESS || count < 1) {
    snprintf(loadMessage, sizeof loadMessage,
             "kern.cuda: the CUDA driver sees no GPU");
    loadStatus = CUDA_ERROR_NO_DEVICE;
    return;
  }
  loadStatus = CUDA_SUCCESS;
}

static CUresult driver(void) {
  pthread_once(&loadOnce, loadDriver);
  if (loadStatus != CUDA_SUCCESS)
    snprintf(threadError, sizeof threadError, "%s", loadMessage);
  return loadStatus;
}

/* Records the failure of `call` with `r` as the thread's error text. */
static CUresult fail(const char *call, CUresult r) {
  const char *name = NULL, *text = NULL;
  if (drv.cuGetErrorName)
    drv.cuGetErrorName(r, &name);
  if (drv.cuGetErrorString)
    drv.cuGetErrorString(r, &text);
  snprintf(threadError, sizeof threadError, "kern.cuda: %s failed: %s (%s)",
           call, name ? name : "unknown CUDA error", text ? text : "");
  return r;
}

#define CHECK(call, args)                                                      \
  do {                                                                         \
    CUresult r_ = drv.call args;                                               \
    if (r_ != CUDA_SUCCESS)                                                    \
      return fail(#call, r_);                                                  \
  } while (0)

/* The selected device's primary context, current on this thread. */
static CUresult currentContext(CUcontext *out) {
  CUresult r = driver();
  if (r != CUDA_SUCCESS)
    return r;
  CHECK(cuCtxGetCurrent, (out));
  if (*out)
    return CUDA_SUCCESS;
  CUdevice dev;
  CHECK(cuDeviceGet, (&dev, selectedDevice));
  CHECK(cuDevicePrimaryCtxRetain, (out, dev));
  CHECK(cuCtxSetCurrent, (*out));
  return CUDA_SUCCESS;
}

/*===----------------------------------------------------------------------===*
 * Devices (kern/cuda: is_available, detect, select_device)
 *===----------------------------------------------------------------------===*/

const char *kern_rt_cuda_error_text(void) { return threadError; }

int32_t kern_rt_cuda_available(void) { return driver() == CUDA_SUCCESS; }

int32_t kern_rt_cuda_device_count(int32_t *count) {
  CUresult r = driver();
  *count = 0;
  if (r != CUDA_SUCCESS)
    return r;
  CHECK(cuDeviceGetCount, (count));
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_device_info(int32_t device, char *name, int32_t cap,
                                 int32_t *major, int32_t *minor) {
  CUresult r = driver();
  if (r != CUDA_SUCCESS)
    return r;
  CUdevice dev;
  CHECK(cuDeviceGet, (&dev, device));
  CHECK(cuDeviceGetName, (name, cap, dev));
  CHECK(cuDeviceGetAttribute,
        (major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev));
  CHECK(cuDeviceGetAttribute,
        (minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev));
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_select_device(int32_t device) {
  CUresult r = driver();
  if (r != CUDA_SUCCESS)
    return r;
  int count = 0;
  CHECK(cuDeviceGetCount, (&count));
  if (device < 0 || device >= count) {
    snprintf(threadError, sizeof threadError,
             "kern.cuda: device %d does not exist (%d devices)", device, count);
    return CUDA_ERROR_INVALID_VALUE;
  }
  selectedDevice = device;
  CUdevice dev;
  CUcontext ctx;
  CHECK(cuDeviceGet, (&dev, device));
  CHECK(cuDevicePrimaryCtxRetain, (&ctx, dev));
  CHECK(cuCtxSetCurrent, (ctx));
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_synchronize(void) {
  CUcontext ctx;
  CUresult r = currentContext(&ctx);
  if (r != CUDA_SUCCESS)
    return r;
  CHECK(cuCtxSynchronize, ());
  return CUDA_SUCCESS;
}

/*===----------------------------------------------------------------------===*
 * Memory, streams, events (kern/cuda/driver.py)
 *===----------------------------------------------------------------------===*/

int32_t kern_rt_cuda_mem_alloc(uint64_t *ptr, uint64_t bytes) {
  CUcontext ctx;
  CUresult r = currentContext(&ctx);
  if (r != CUDA_SUCCESS)
    return r;
  CUdeviceptr p = 0;
  CHECK(cuMemAlloc_v2, (&p, bytes ? bytes : 1));
  *ptr = p;
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_mem_free(uint64_t ptr) {
  if (driver() != CUDA_SUCCESS)
    return loadStatus;
  CHECK(cuMemFree_v2, ((CUdeviceptr)ptr));
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_mem_info(uint64_t *free_, uint64_t *total) {
  CUcontext ctx;
  CUresult r = currentContext(&ctx);
  if (r != CUDA_SUCCESS)
    return r;
  size_t f = 0, t = 0;
  CHECK(cuMemGetInfo_v2, (&f, &t));
  *free_ = f;
  *total = t;
  return CUDA_SUCCESS;
}

/* kind: 0 host to device, 1 device to host, 2 device to device. A copy on
 * the default stream (0) returns when it has finished. */
int32_t kern_rt_cuda_memcpy(int32_t kind, uint64_t dst, uint64_t src,
                            uint64_t bytes, void *stream) {
  CUcontext ctx;
  CUresult r = currentContext(&ctx);
  if (r != CUDA_SUCCESS)
    return r;
  if (bytes == 0)
    return CUDA_SUCCESS;
  if (kind == 0)
    CHECK(cuMemcpyHtoDAsync_v2,
          ((CUdeviceptr)dst, (const void *)(uintptr_t)src, bytes, stream));
  else if (kind == 1)
    CHECK(cuMemcpyDtoHAsync_v2,
          ((void *)(uintptr_t)dst, (CUdeviceptr)src, bytes, stream));
  else
    CHECK(cuMemcpyDtoDAsync_v2,
          ((CUdeviceptr)dst, (CUdeviceptr)src, bytes, stream));
  if (!stream)
    CHECK(cuStreamSynchronize, (NULL));
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_memset(uint64_t dst, int32_t value, uint64_t bytes,
                            void *stream) {
  CUcontext ctx;
  CUresult r = currentContext(&ctx);
  if (r != CUDA_SUCCESS)
    return r;
  CHECK(cuMemsetD8Async, ((CUdeviceptr)dst, (unsigned char)value, bytes,
                          stream));
  if (!stream)
    CHECK(cuStreamSynchronize, (NULL));
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_stream_create(void **stream) {
  CUcontext ctx;
  CUresult r = currentContext(&ctx);
  if (r != CUDA_SUCCESS)
    return r;
  CHECK(cuStreamCreate, (stream, 0));
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_stream_destroy(void *stream) {
  if (driver() != CUDA_SUCCESS)
    return loadStatus;
  CHECK(cuStreamDestroy_v2, (stream));
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_stream_synchronize(void *stream) {
  CUcontext ctx;
  CUresult r = currentContext(&ctx);
  if (r != CUDA_SUCCESS)
    return r;
  CHECK(cuStreamSynchronize, (stream));
  return CUDA_SUCCESS;
}

/* The stream later launches of this thread use (NULL: the default). */
void kern_rt_cuda_set_stream(void *stream) { threadStream = stream; }

int32_t kern_rt_cuda_event_create(void **event) {
  CUcontext ctx;
  CUresult r = currentContext(&ctx);
  if (r != CUDA_SUCCESS)
    return r;
  CHECK(cuEventCreate, (event, 0));
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_event_destroy(void *event) {
  if (driver() != CUDA_SUCCESS)
    return loadStatus;
  CHECK(cuEventDestroy_v2, (event));
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_event_record(void *event, void *stream) {
  if (driver() != CUDA_SUCCESS)
    return loadStatus;
  CHECK(cuEventRecord, (event, stream));
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_event_synchronize(void *event) {
  if (driver() != CUDA_SUCCESS)
    return loadStatus;
  CHECK(cuEventSynchronize, (event));
  return CUDA_SUCCESS;
}

int32_t kern_rt_cuda_event_elapsed(float *ms, void *start, void *end) {
  if (driver() != CUDA_SUCCESS)
    return loadStatus;
  CHECK(cuEventElapsedTime, (ms, start, end));
  return CUDA_SUCCESS;
}

/*===----------------------------------------------------------------------===*
 * Modules and launches (kern-gpu-launch-to-runtime)
 *===----------------------------------------------------------------------===*/

typedef struct CachedModule {
  CUcontext ctx;
  const char *ptx;
  CUmodule module;
  struct CachedModule *next;
} CachedModule;

static CachedModule *modules;
static pthread_mutex_t modulesLock = PTHREAD_MUTEX_INITIALIZER;

/* The module of `ptx` in `ctx`, loaded at its first use. */
static CUresult moduleFor(CUcontext ctx, const char *ptx, CUmodule *out) {
  pthread_mutex_lock(&modulesLock);
  for (CachedModule *m = modules; m; m = m->next)
    if (m->ctx == ctx && m->ptx == ptx) {
      *out = m->module;
      pthread_mutex_unlock(&modulesLock);
      return CUDA_SUCCESS;
    }
  char log[4096] = "";
  int options[2] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *values[2] = {log, (void *)(uintptr_t)sizeof log};
  CUresult r = drv.cuModuleLoadDataEx(out, ptx, 2, options, values);
  if (r != CUDA_SUCCESS) {
    pthread_mutex_unlock(&modulesLock);
    fail("cuModuleLoadDataEx (the PTX of a kernel)", r);
    if (log[0]) {
      size_t n = strlen(threadError);
      snprintf(threadError + n, sizeof threadError - n, ": %s", log);
    }
    return r;
  }
  CachedModule *m = malloc(sizeof *m);
  if (m) {
    *m = (CachedModule){ctx, ptx, *out, modules};
    modules = m;
  }
  pthread_mutex_unlock(&modulesLock);
  return CUDA_SUCCESS;
}

static void raiseCuda(int kind) {
  /* The message must not be read as a format: '%' becomes "%%". */
  char escaped[2 * sizeof threadError];
  size_t j = 0;
  for (size_t i = 0; threadError[i] && j + 2 < sizeof escaped; ++i) {
    if (threadError[i] == '%')
      escaped[j++] = '%';
    escaped[j++] = threadError[i];
  }
  escaped[j] = 0;
  kern_rt_raise(kind, escaped, 0, NULL);
}

/* The entry `index` (0-based) of a kernel's error table (kind, args_repr,
 * message, NUL-terminated each), raised: the message's placeholders have
 * no values on the GPU and read "?". */
static void raiseKernelError(const char *errors, int64_t nerrors,
                             int32_t number) {
  if (number < 1 || number > nerrors) {
    snprintf(threadError, sizeof threadError,
             "kern.cuda: a kernel thread raised (error %d)", number);
    raiseCuda(KernErrorRuntime);
    return;
  }
  const char *p = errors;
  for (int32_t i = 1; i < number; ++i)
    for (int f = 0; f < 3; ++f)
      p += strlen(p) + 1;
  const char *kindName = p;
  const char *argsRepr = kindName + strlen(kindName) + 1;
  const char *message = argsRepr + strlen(argsRepr) + 1;
  int kind = kernRuntimeErrorKindFromName(kindName);
  if (kind == KernErrorNone)
    kind = KernErrorRuntime;
  char text[1024];
  size_t j = 0;
  bool placeholders = false;
  for (size_t i = 0; message[i] && j + 3 < sizeof text; ++i) {
    if (message[i] == '%' && message[i + 1] == '%') {
      text[j++] = '%';
      text[j++] = '%';
      ++i;
    } else if (message[i] == '%' && message[i + 1]) {
      text[j++] = '?';
      placeholders = true;
      ++i;
    } else {
      text[j++] = message[i];
    }
  }
  text[j] = 0;
  if (argsRepr[0] == '1' && !placeholders)
    kind |= KernErrorArgsRepr;
  kern_rt_raise(kind, text, 0, NULL);
}

/* slot: {context, function, module, address of the module's error word}
 * of the last launch through it (zeroed at first). params: the kernel's
 * parameters, one pointer each. errors: the kernel's raises
 * (kern-gpu-launch-to-runtime), `nerrors` of them. */
void kern_rt_gpu_launch(void **slot, const char *ptx, const char *name,
                        int64_t gx, int64_t gy, int64_t gz, int64_t bx,
                        int64_t by, int64_t bz, int32_t shared, void **params,
                        int64_t nparams, const char *errors, int64_t nerrors) {
  (void)nparams;
  CUcontext ctx;
  if (currentContext(&ctx) != CUDA_SUCCESS) {
    raiseCuda(KernErrorRuntime);
    return;
  }
  if (slot[0] != ctx || !slot[1]) {
    CUmodule module;
    CUfunction fn;
    CUdeviceptr word = 0;
    CUresult r = moduleFor(ctx, ptx, &module);
    if (r == CUDA_SUCCESS) {
      r = drv.cuModuleGetFunction(&fn, module, name);
      if (r != CUDA_SUCCESS)
        fail("cuModuleGetFunction", r);
    }
    if (r == CUDA_SUCCESS && nerrors > 0) {
      size_t bytes = 0;
      r = drv.cuModuleGetGlobal_v2(&word, &bytes, module, "__kern_error");
      if (r != CUDA_SUCCESS)
        fail("cuModuleGetGlobal (the kernel's error word)", r);
    }
    if (r != CUDA_SUCCESS) {
      raiseCuda(KernErrorRuntime);
      return;
    }
    slot[0] = ctx;
    slot[1] = fn;
    slot[2] = module;
    slot[3] = (void *)(uintptr_t)word;
  }
  CUfunction fn = slot[1];
  if (shared > 48 * 1024)
    drv.cuFuncSetAttribute(fn, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                           shared);
  CUstream stream = threadStream;
  CUresult r = drv.cuLaunchKernel(fn, (unsigned)gx, (unsigned)gy, (unsigned)gz,
                                  (unsigned)bx, (unsigned)by, (unsigned)bz,
                                  (unsigned)shared, stream, params, NULL);
  if (r != CUDA_SUCCESS) {
    fail("cuLaunchKernel", r);
    size_t n = strlen(threadError);
    if (r == CUDA_ERROR_INVALID_VALUE || r == CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES)
      snprintf(threadError + n, sizeof threadError - n,
               ": a launch configuration the device refuses (%lld x %lld x "
               "%lld threads per block, %d bytes of dynamic shared memory, "
               "or too many registers per thread)",
               (long long)bx, (long long)by, (long long)bz, shared);
    raiseCuda(r == CUDA_ERROR_INVALID_VALUE ||
                      r == CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES
                  ? KernErrorValue
                  : KernErrorRuntime);
    return;
  }
  /* A launch on the default stream, or of a kernel that can raise, waits
   * for its end: a fault or a raise is this launch's error. */
  if (stream && nerrors == 0)
    return;
  r = drv.cuStreamSynchronize(stream);
  if (r != CUDA_SUCCESS) {
    fail("the kernel", r);
    raiseCuda(KernErrorRuntime);
    return;
  }
  if (nerrors > 0) {
    CUdeviceptr word = (CUdeviceptr)(uintptr_t)slot[3];
    int32_t number = 0;
    r = drv.cuMemcpyDtoHAsync_v2(&number, word, sizeof number, stream);
    if (r == CUDA_SUCCESS)
      r = drv.cuStreamSynchronize(stream);
    if (r == CUDA_SUCCESS && number != 0) {
      int32_t zero = 0; /* the next launch starts clean */
      r = drv.cuMemcpyHtoDAsync_v2(word, &zero, sizeof zero, stream);
      if (r == CUDA_SUCCESS)
        r = drv.cuStreamSynchronize(stream);
    }
    if (r != CUDA_SUCCESS) {
      fail("reading the kernel's error word", r);
      raiseCuda(KernErrorRuntime);
      return;
    }
    if (number != 0)
      raiseKernelError(errors, nerrors, number);
  }
}

/*===- cuda_driver.c - lib/Runtime/Cuda.c without a CUDA driver ----------===*
 *
 * libcuda is opened with dlopen at the first call: a library that does not
 * exist makes every call fail with a message naming it (no abort, no
 * crash), and a launch raises a RuntimeError through kern's error state.
 *
 *===----------------------------------------------------------------------===*/
// RUN: env KERN_CUDA_LIBRARY=/nonexistent/libcuda.so.1 kern-capi-cuda_driver 2>&1 | FileCheck %s

#include "kern-c/Runtime.h"

#include <stdio.h>

static void launch(void **slots) {
  (void)slots;
  void *slot[4] = {0};
  kern_rt_gpu_launch(slot, "", "k", 1, 1, 1, 1, 1, 1, 0, NULL, 0, NULL, 0);
}

int main(void) {
  // CHECK: available 0
  printf("available %d\n", kern_rt_cuda_available());
  // CHECK-NEXT: error kern.cuda: no CUDA driver (dlopen("/nonexistent/libcuda.so.1") failed: {{.*}})
  printf("error %s\n", kern_rt_cuda_error_text());
  uint64_t ptr = 0;
  int32_t count = -1;
  // CHECK-NEXT: alloc 999 0
  printf("alloc %d %llu\n", kern_rt_cuda_mem_alloc(&ptr, 64),
         (unsigned long long)ptr);
  // CHECK-NEXT: count 999 0
  printf("count %d %d\n", kern_rt_cuda_device_count(&count), count);
  // CHECK-NEXT: sync 999
  printf("sync %d\n", kern_rt_cuda_synchronize());
  // CHECK-NEXT: launch 5 kern.cuda: no CUDA driver
  int kind = kernRuntimeCall(launch, NULL);
  printf("launch %d %s\n", kind, kernRuntimeErrorMessage());
  return 0;
}

#!/usr/bin/env bash
# kern.cuda on a real NVIDIA GPU, in one go (docs/cuda.md, "The GPU path"):
# builds kern if needed, shows the device, runs the kern.cuda tests with
# KERN_CUDA_SIM unset (kernels through kern-gpu-pipeline's PTX and
# lib/Runtime/Cuda.c, device arrays in GPU memory), the GPU lit tests, and
# bench/bench_cuda.py. Exits non-zero when a step fails; every step runs.
#
#   $ bash scripts/gpu-check.sh            # KERN_BUILD_DIR=build by default
#
# Writes its log to $BUILD/gpu-check.log (and bench/results/cuda.json).
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${KERN_BUILD_DIR:-build}
export KERN_BUILD_DIR="$PWD/$BUILD"
export PYTHONPATH="$PWD/python-frontend${PYTHONPATH:+:$PYTHONPATH}"
unset KERN_CUDA_SIM NUMBA_ENABLE_CUDASIM
LOG="$BUILD/gpu-check.log"
status=0

step() {
  echo "=== $*" | tee -a "$LOG"
  "$@" 2>&1 | tee -a "$LOG"
  local rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || { echo "=== FAILED ($rc): $*" | tee -a "$LOG"; status=1; }
}

[ -f "$BUILD/lib/libkern.so" ] || bash scripts/build.sh all || exit 1
mkdir -p "$BUILD"
: > "$LOG"

step nvidia-smi -L
step python3 -c "
from kern import cuda
from kern.cuda import driver
assert cuda.is_available(), 'kern.cuda: no usable CUDA driver/device: ' + driver.error_text()
assert driver.use_gpu(), 'KERN_CUDA_SIM is set'
cuda.detect()
print('target', driver.target_chip())
"
# The kern.cuda tests: on this machine their kernels run on the GPU.
step python3 -m pytest -q test/python/test_cuda_cpu.py test/python/test_cuda_warp.py \
  test/python/test_cuda_vectorize.py test/python/test_cuda_ptx.py \
  test/python/test_cuda_gpu_path.py
# The docstrings' examples of kern.cuda (also on the GPU).
step python3 -m pytest -q --rootdir="$PWD/python-frontend" --doctest-modules \
  python-frontend/kern/cuda
# Lit tests of the GPU path (passes, PTX through ptxas, the runtime's C API).
step /usr/lib/llvm-22/bin/lit -q "$BUILD/test/Conversion/KernToGPU" \
  "$BUILD/test/Conversion/GPULaunchToRuntime" \
  "$BUILD/test/kern-translate/kern-to-ptx.mlir" "$BUILD/test/CAPI/cuda_driver.c"
# The benchmark: kern's kernels on the GPU (Numba's simulator left out: it
# is the CPU target's comparison, and far too slow at GPU sizes).
step python3 bench/bench_cuda.py --no-numba --repeat 5

echo "=== gpu-check: $([ $status -eq 0 ] && echo all passed || echo FAILURES) (log: $LOG)"
exit $status

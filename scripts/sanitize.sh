#!/usr/bin/env bash
# Builds kern with AddressSanitizer and UBSan (-DKERN_SANITIZE=ON) into
# ${KERN_ASAN_BUILD_DIR:-build-asan} and runs the lit suite under it: the
# dialect, pass and conversion tests (kern-opt, kern-translate) and the C API
# tests (test/CAPI, which parse, lower, JIT and run code through libkern).
# Any ASan report (heap overflow, use after free, leak) or UBSan report
# (overflow, misaligned or null access, bad shift) fails the test it is in.
#
#   bash scripts/sanitize.sh            # build (first time ~5 min) and test
#   bash scripts/sanitize.sh -v         # extra arguments go to lit
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${KERN_ASAN_BUILD_DIR:-build-asan}
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -G Ninja -B "$BUILD" -S . -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DKERN_SANITIZE=ON -DPython3_EXECUTABLE="$(command -v python3)" >/dev/null
fi
ninja -C "$BUILD" all
# test/lit.cfg.py passes these on to the tests.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
/usr/lib/llvm-22/bin/lit -q "$@" "$BUILD/test"
echo "sanitize: lit suite clean under ASan+UBSan"

#!/usr/bin/env bash
# The main job: kern's example programs and a kern-opt / kern-translate
# walk-through, on the build in ${KERN_BUILD_DIR:-build}.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${KERN_BUILD_DIR:-build}
BIN="$BUILD/bin"
export PYTHONPATH="$PWD/python-frontend${PYTHONPATH:+:$PYTHONPATH}"
export KERN_BUILD_DIR="$PWD/$BUILD"

banner() { printf '\n== %s ==\n' "$*"; }

banner "1. kern-opt verifies and round-trips every example in examples/mlir"
for f in examples/mlir/*.mlir; do
  "$BIN/kern-opt" "$f" | "$BIN/kern-opt" --mlir-print-op-generic | "$BIN/kern-opt" >/dev/null
  echo "  ok  $f"
done

FUSED=examples/mlir/fused-expression.mlir
if [ -f "$FUSED" ]; then
  banner "2. The fused expression, pass by pass: sqrt(x**2 + sin(x)*exp(-x))"
  echo "-- as the frontend emits it: $(grep -c 'kern.ufunc' "$FUSED") kern.ufunc ops"
  echo "-- after kern-broadcast, kern-fuse:"
  "$BIN/kern-opt" "$FUSED" --pass-pipeline='builtin.module(func.func(kern-broadcast,kern-fuse,kern-canonicalize))' \
    | sed -n '/func.func/,/^  }/p'
  echo "-- after convert-kern-to-affine: one loop nest, no temporaries"
  "$BIN/kern-opt" "$FUSED" --pass-pipeline='builtin.module(func.func(kern-broadcast,kern-fuse,kern-canonicalize,convert-kern-to-affine),canonicalize)' \
    | sed -n '/func.func @/,/^  }/p' | head -40
  banner "3. kern-cpu-pipeline stage timings (--mlir-timing)"
  "$BIN/kern-opt" "$FUSED" --kern-cpu-pipeline --mlir-timing -o /dev/null 2>&1 | head -40
  banner "4. kern-translate --kern-to-llvmir (the vectorized loop)"
  "$BIN/kern-translate" --kern-to-llvmir "$FUSED" | grep -E 'define|_ZGV|fmul <|call <' | head -12
fi

if ls examples/*.py >/dev/null 2>&1; then
  banner "5. The seed programs with @kern.njit (results checked against NumPy)"
  for f in examples/*.py; do
    echo "-- $f"
    python3 "$f"
  done
fi
banner "done"

#!/usr/bin/env bash
# Installs what kern needs on a fresh Debian 12 machine; quick when all is present.
#   * MLIR/LLVM 22 from the distribution's packages (never built from source)
#   * cmake, ninja
#   * the Python packages the tests and benchmarks use
set -euo pipefail

LLVM_PKGS="libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools clang-22 libomp-22-dev"
TOOL_PKGS="cmake ninja-build libopenblas-dev"
PY_PKGS="numpy pytest hypothesis"
PY_BENCH_PKGS="numba matplotlib"
# pip names; the module checked is the name before any [extra]:
#   scipy          cfunc as scipy.LowLevelCallable (skipped without)
#   dask[array]    test_dask.py, bench/bench_dask.py
#   distributed    test_dask_cluster.py (a LocalCluster), bench/bench_dask.py
PY_OPTIONAL_TEST_PKGS="scipy dask[array] distributed"

missing=""
for p in $LLVM_PKGS $TOOL_PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "install-deps: apt-get install$missing"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

PY=${PYTHON:-python3}
# The CPython extension needs the interpreter's headers (pyenv builds have
# them; Debian's python3 needs python3-dev).
if [ ! -f "$($PY -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h" ]; then
  echo "install-deps: apt-get install python3-dev"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-dev >/dev/null
fi
need_py=""
for m in $PY_PKGS; do
  $PY -c "import $m" 2>/dev/null || need_py="$need_py $m"
done
if [ -n "$need_py" ]; then
  echo "install-deps: pip install$need_py"
  $PY -m pip install -q $need_py
fi
# Benchmark peers and optional test packages: a failure to get them never
# fails set-up (the tests that need them are skipped).
if [ "${KERN_BENCH_DEPS:-1}" = 1 ]; then
  need_bench=""
  for spec in $PY_BENCH_PKGS $PY_OPTIONAL_TEST_PKGS; do
    $PY -c "import ${spec%%[*}" 2>/dev/null || need_bench="$need_bench $spec"
  done
  if [ -n "$need_bench" ]; then
    echo "install-deps: pip install$need_bench (benchmark peers, optional test packages)"
    $PY -m pip install -q $need_bench || echo "install-deps: benchmark peers not installed (optional)"
  fi
fi
echo "install-deps: ok"

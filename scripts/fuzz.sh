#!/usr/bin/env bash
# Runs kern's libFuzzer targets (fuzz/) for SECONDS each (default 60):
# kern-fuzz-opt (parse, verify, kern passes: what kern-opt does) and
# kern-fuzz-translate (parse, verify, kern-cpu-pipeline, LLVM IR: what
# kern-translate --kern-to-llvmir does). Seeds: every .mlir of test/ and
# examples/mlir, split at `// -----` as --split-input-file does.
#
#   bash scripts/fuzz.sh [SECONDS]          # build-fuzz/ (-DKERN_FUZZ=ON: kern
#                                           # itself coverage-instrumented)
#   bash scripts/fuzz.sh --smoke [SECONDS]  # harnesses only, linked against
#                                           # the normal build (seconds to
#                                           # build; scripts/test.sh runs it)
#
# A crash, sanitizer report, timeout (10 s per input) or out-of-memory
# stops the run, leaves the input in $BUILD/fuzz-artifacts/ and fails the
# script; replay it with `$BUILD/bin/kern-fuzz-opt FILE`
# (KERN_FUZZ_VERBOSE=1 prints the diagnostics). New inputs accumulate in
# $BUILD/fuzz-corpus/ between runs. The last line is the figures:
# "fuzz: N inputs run, 0 crashes". With KERN_FUZZ_JUNIT=FILE it also writes
# a JUnit report, one test case per target (scripts/test.sh counts them).
set -euo pipefail
cd "$(dirname "$0")/.."
SMOKE=0
if [ "${1:-}" = "--smoke" ]; then SMOKE=1; shift; fi
SECONDS_EACH=${1:-60}
CLANG=/usr/lib/llvm-22/bin/clang

junit() { # junit NAME STATUS(pass|fail|skip) MESSAGE...
  [ -n "${KERN_FUZZ_JUNIT:-}" ] || return 0
  local name=$1 state=$2
  shift 2
  python3 - "$KERN_FUZZ_JUNIT" "$name" "$state" "$*" <<'PY'
import os, sys
from xml.sax.saxutils import quoteattr
path, name, state, message = sys.argv[1:]
cases = open(path).read().split("\n")[1:-2] if os.path.exists(path) else []
inner = {"fail": f"<failure message={quoteattr(message)}/>",
         "skip": f"<skipped message={quoteattr(message)}/>"}.get(state, "")
cases.append(f'<testcase classname="fuzz" name={quoteattr(name)}>{inner}</testcase>')
with open(path, "w") as f:
    f.write("<testsuite name=\"fuzz\">\n" + "\n".join(cases) + "\n</testsuite>\n")
PY
}

if [ $SMOKE = 1 ]; then
  BUILD=${KERN_BUILD_DIR:-build}
  if ! ls /usr/lib/llvm-22/lib/clang/22/lib/linux/libclang_rt.fuzzer*.a \
      >/dev/null 2>&1; then
    echo "fuzz: skipped (no libclang_rt.fuzzer in clang-22)"
    junit kern-fuzz-opt skip "no libclang_rt.fuzzer"
    junit kern-fuzz-translate skip "no libclang_rt.fuzzer"
    exit 0
  fi
  [ -f "$BUILD/lib/libkern.so" ] || bash scripts/build.sh kern
  mkdir -p "$BUILD/bin"
  for pair in opt:OptFuzzer translate:TranslateFuzzer; do
    out="$BUILD/bin/kern-fuzz-${pair%%:*}"
    src="fuzz/${pair#*:}.c"
    if [ ! -x "$out" ] || [ "$src" -nt "$out" ] || [ fuzz/FuzzCommon.c -nt "$out" ]; then
      $CLANG -std=c17 -O1 -g -fsanitize=fuzzer,address -Iinclude \
        -I/usr/lib/llvm-22/include fuzz/FuzzCommon.c "$src" -o "$out" \
        -L"$BUILD/lib" -lkern -Wl,-rpath,"$PWD/$BUILD/lib"
    fi
  done
else
  BUILD=${KERN_FUZZ_BUILD_DIR:-build-fuzz}
  if [ ! -f "$BUILD/build.ninja" ]; then
    cmake -G Ninja -B "$BUILD" -S . -DCMAKE_BUILD_TYPE=Release -DKERN_FUZZ=ON \
      -DPython3_EXECUTABLE="$(command -v python3)" >/dev/null
  fi
  ninja -C "$BUILD" kern-fuzz-opt kern-fuzz-translate
fi

SEEDS="$BUILD/fuzz-seeds"
rm -rf "$SEEDS" && mkdir -p "$SEEDS"
python3 - "$SEEDS" <<'PY'
import pathlib, re, sys
out = pathlib.Path(sys.argv[1])
n = 0
for f in sorted(list(pathlib.Path("test").rglob("*.mlir")) +
                list(pathlib.Path("examples/mlir").glob("*.mlir"))):
    for part in re.split(rb"^// -----.*$", f.read_bytes(), flags=re.M):
        if part.strip():
            (out / f"seed{n:04d}.mlir").write_bytes(part)
            n += 1
PY

total=0
status=0
for target in opt translate; do
  corpus="$BUILD/fuzz-corpus/$target"
  # the smoke run starts from the seeds alone, so that it stays short
  [ $SMOKE = 0 ] || { rm -rf "$corpus"; }
  artifacts="$BUILD/fuzz-artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  log="$BUILD/fuzz-$target.log"
  # leaks: MLIR keeps what a context uniques until the context dies, and the
  # run's one context lives to the end; scripts/sanitize.sh checks leaks.
  if ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" \
     "$BUILD/bin/kern-fuzz-$target" -max_total_time="$SECONDS_EACH" \
       -timeout=10 -rss_limit_mb=4096 -max_len=32768 -print_final_stats=1 \
       -dict=fuzz/kern.dict -artifact_prefix="$artifacts" \
       "$corpus" "$SEEDS" >"$log" 2>&1; then
    junit "kern-fuzz-$target" pass
  else
    status=1
    echo "fuzz: kern-fuzz-$target found a failure (see $log, $artifacts)"
    grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -5 || true
    junit "kern-fuzz-$target" fail "$(grep -m1 -E 'ERROR|SUMMARY' "$log")"
  fi
  runs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$log" | grep -o "[0-9]*$" || echo 0)
  echo "fuzz: kern-fuzz-$target ran $runs inputs in ${SECONDS_EACH}s"
  total=$((total + runs))
done
crashes=$(find "$BUILD/fuzz-artifacts" -type f | wc -l)
echo "fuzz: $total inputs run, $crashes crashes"
exit $status

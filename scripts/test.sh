#!/usr/bin/env bash
# Builds kern and runs every test: lit (dialect, passes, conversions,
# kern-translate, C API), pytest (the Python frontend against NumPy), PTX
# checks, a libFuzzer smoke run. Ends with one line: "kern: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${KERN_BUILD_DIR:-build}
bash scripts/install-deps.sh
bash scripts/build.sh all || { echo "kern: 0 passed, 1 failed (build)"; exit 1; }

status=0
/usr/lib/llvm-22/bin/lit -sv --xunit-xml-output "$BUILD/lit-results.xml" "$BUILD/test" || status=1

PYTEST_XML="$BUILD/pytest-results.xml"
rm -f "$PYTEST_XML"
if [ -d test/python ] && ls test/python/test_*.py >/dev/null 2>&1; then
  KERN_BUILD_DIR="$PWD/$BUILD" python3 -m pytest -q test/python --junitxml "$PYTEST_XML"
  rc=$?
  [ $rc -eq 0 ] || [ $rc -eq 5 ] || status=1
fi

# the examples in the package's docstrings (python-frontend/conftest.py gives
# them np and kern)
DOCTEST_XML="$BUILD/doctest-results.xml"
rm -f "$DOCTEST_XML"
KERN_BUILD_DIR="$PWD/$BUILD" python3 -m pytest -q --rootdir="$PWD/python-frontend" \
  --doctest-modules python-frontend/kern --junitxml "$DOCTEST_XML" || status=1

# a libFuzzer smoke run (docs/reliability.md): the two fuzz targets linked
# against this build, 5 s each from the seeds (~20 s with building)
FUZZ_XML="$BUILD/fuzz-results.xml"
rm -f "$FUZZ_XML"
KERN_BUILD_DIR="$BUILD" KERN_FUZZ_JUNIT="$FUZZ_XML" bash scripts/fuzz.sh --smoke 5 \
  || status=1

python3 scripts/summarize-tests.py "$BUILD/lit-results.xml" "$PYTEST_XML" \
  "$DOCTEST_XML" "$FUZZ_XML" || status=1
exit $status

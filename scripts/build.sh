#!/usr/bin/env bash
# Configures (once) and builds kern into ${KERN_BUILD_DIR:-build}.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${KERN_BUILD_DIR:-build}
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -G Ninja -B "$BUILD" -S . -DCMAKE_BUILD_TYPE=Release \
    -DPython3_EXECUTABLE="$(command -v python3)" >/dev/null
fi
ninja -C "$BUILD" "$@"

#!/usr/bin/env bash
# Set-up and main job: installs what is missing (Debian packages of MLIR/LLVM
# 22, cmake, ninja, Python packages), builds kern, installs the Python
# package, then runs the main job (scripts/main.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec bash scripts/main.sh

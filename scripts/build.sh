#!/bin/bash
# Configures and builds into build/ (or $1 with extra cmake arguments after it).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMDEVCTL_WERROR=ON "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"

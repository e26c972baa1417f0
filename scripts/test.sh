#!/bin/bash
# Sets up, builds and runs every test: the normal build, then the suite
# again under AddressSanitizer and UndefinedBehaviorSanitizer, then a Release
# build's unit and install tests; after the first two,
# the black-box conformance harness in ../shared/conformance when it is there
# (with upstream's own cases when MDEVCTL_UPSTREAM_GIT names a clone of upstream).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --kernel-tier

conformance() {
  local harness=../shared/conformance/run
  if [ ! -x "$harness" ]; then
    echo "conformance: $harness not found, skipped"
    return
  fi
  local log=$2/conformance.log
  echo "conformance of $1 (every line in $log):"
  if ! "$harness" --impl "envroot:$1" >"$log" 2>&1; then
    grep -v '^PASS' "$log"
    return 1
  fi
  tail -n 2 "$log"
}

scripts/check_layers.sh
scripts/build.sh build
(cd build && ctest --output-on-failure -j "$(nproc)")
conformance build/src/mdevctl build
scripts/build.sh build-asan -DMDEVCTL_SANITIZE=ON
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j "$(nproc)")
ASAN_OPTIONS=detect_leaks=1 conformance build-asan/src/mdevctl build-asan
# The build type packagers use: it must build, and install and package right.
# (Only what those tests run: the black-box suite ran twice above.)
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DMDEVCTL_WERROR=ON >/dev/null
cmake --build build-release -j "$(nproc)" --target mdevctl unit_tests man
(cd build-release && ctest --output-on-failure -j "$(nproc)" -L 'unit|install')

#!/bin/bash
# Sets up, builds and runs every test: the Debian package (built by
# dpkg-buildpackage, which runs the unit and black-box tests, then checked with
# lintian) installed on a systemd-booted Debian host with libvirt (tier 5);
# the normal build, then the suite
# again under AddressSanitizer and UndefinedBehaviorSanitizer, then under
# ThreadSanitizer, then a short fuzz run; after the first two,
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
scripts/check_format.sh
scripts/package.sh
tests/host/run.sh "$(ls build-packages/mdevctl-cpp_*_amd64.deb)" build-host
scripts/build.sh build
(cd build && ctest --output-on-failure -j "$(nproc)")
conformance build/src/mdevctl build
scripts/build.sh build-asan -DMDEVCTL_SANITIZE=ON
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j "$(nproc)")
ASAN_OPTIONS=detect_leaks=1 conformance build-asan/src/mdevctl build-asan
# Threads (autostart, parallel loads, blocking writes) under ThreadSanitizer:
# its unit tests, then the whole black-box suite against its mdevctl.
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
      -DMDEVCTL_WERROR=ON -DMDEVCTL_TSAN=ON >/dev/null
cmake --build build-tsan -j "$(nproc)" --target mdevctl unit_tests
build-tsan/tests/unit_tests
MDEVCTL_TEST_BINARY=$PWD/build-tsan/src/mdevctl build/tests/blackbox_tests
# The parsers of outside input under libFuzzer, briefly (a long run: scripts/fuzz.sh -runs=N).
scripts/fuzz.sh -max_total_time=20

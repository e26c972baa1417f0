#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The second compiler and ThreadSanitizer in one build: clang (Debian 13's,
# the newest here) with warnings as errors and -fsanitize=thread, in the
# chroot that `scripts/package.sh trixie` left in build-chroots/ (its
# Build-Depends are installed there). Runs the unit tests and the whole
# black-box suite against that build's mdevctl.
#   scripts/tsan_clang.sh [RELEASE]    default trixie
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "tsan (clang): $*" >&2; exit 1; }
source scripts/release_chroot.sh
release=${1:-trixie}
root=$PWD/build-chroots/$release-build
[ -d "$root/build/mdevctl-cpp" ] || die "no $root: run scripts/package.sh $release first"
log=$PWD/build-packages/$release/tsan-clang.log
mkdir -p "$(dirname "$log")"
echo "tsan (clang, $release): build and tests (every line in $log)"
if ! in_release "$root" /bin/sh -ec "
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-dev >/dev/null
    clang++ --version | head -n 1
    cd /build/mdevctl-cpp
    CXX=clang++ cmake -S . -B build-tsan-clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DMDEVCTL_WERROR=ON -DMDEVCTL_TSAN=ON >/dev/null
    cmake --build build-tsan-clang -j$(nproc) --target mdevctl mdevctl-monitor mdev-simkernel \
      unit_tests blackbox_tests >/dev/null
    echo 'built: 0 warnings (-Werror)'
    build-tsan-clang/tests/unit_tests
    build-tsan-clang/tests/blackbox_tests
  " >"$log" 2>&1; then
  tail -n 80 "$log"
  die "failed"
fi
grep -E '^(Debian clang|built:|All tests passed|test cases:)' "$log"

#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Sets up, builds and runs every test, on Debian 12 and Debian 13 alike:
# - the Debian package for Debian 12 and for Debian 13, each built as a buildd
#   builds it in a clean chroot of its release: the source package, then the
#   binaries from it as a user who is not root (dh_auto_test runs the unit and
#   black-box tests with that release's compiler and libraries); checked there
#   with that release's lintian (source and binary) and autopkgtest;
# - each package installed with dpkg -i over Debian's own mdevctl on a
#   systemd-booted host of its release with libvirt driving it (tier 5);
# - the RPM (make rpm: rpmbuild -ta of the release tarball as a user who is
#   not root, Fedora 41's and 42's layouts, rpmlint) and its layouts; the
#   unit and black-box tests 3 times with every core busy; on its build the
#   real kernel and install tiers, then the conformance harness in
#   ../shared/conformance when it is there (with upstream's own cases when
#   MDEVCTL_UPSTREAM_GIT names a clone of upstream);
# - the unit, black-box and install tiers and the harness again under
#   AddressSanitizer and UndefinedBehaviorSanitizer;
# - clang (the second compiler) with ThreadSanitizer in the Debian 13 chroot;
# - a short fuzz run.
# Each stage's time is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --kernel-tier

timings=()
stage() {
  local name=$1 start=$SECONDS
  shift
  echo "=== $name"
  "$@"
  timings+=("$(printf '%5d s  %s' $((SECONDS - start)) "$name")")
}
# The stages that make chroots or disk images need root; without it each
# says so and is skipped, and the count is printed at the end.
skipped=()
root_stage() {
  if [ "$(id -u)" -eq 0 ]; then
    stage "$@"
  else
    echo "=== $1: needs root (chroot, mmdebstrap), skipped"
    skipped+=("$1")
  fi
}

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

checks() {
  scripts/check_layers.sh
  scripts/check_format.sh
  scripts/check_licence.sh
  scripts/check_version.sh
}
host_tier() { tests/host/run.sh "$1" "$(ls build-packages/"$1"/mdevctl-cpp_*_amd64.deb)" "build-host/$1"; }
sanitized() {
  scripts/build.sh build-asan -DMDEVCTL_SANITIZE=ON
  # The real kernel's tier ran on the RPM's build; one boot under emulation is enough.
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j "$(nproc)" -L 'unit|blackbox|install')
  ASAN_OPTIONS=detect_leaks=1 conformance build-asan/src/mdevctl build-asan
}
# The RPM's build is also this host's optimised build: the kernel and install
# tiers and the conformance harness run on it (the unit and black-box tests
# ran on this code in both packages' builds, -O2 with both compilers).
rpm_package() {
  scripts/rpm.sh --nocheck --noclean  # --noclean: rpmbuild keeps its build tree
  tests/install/check_rpm.sh "$(ls build-rpm/RPMS/*/mdevctl-cpp-[0-9]*.rpm)"
  tests/install/check_rpm.sh "$(ls build-rpm/fedora-42/RPMS/*/mdevctl-cpp-[0-9]*.rpm)" --merged-bin
  local tree
  tree=$(ls -d build-rpm/BUILD/mdevctl-cpp-*/redhat-linux-build)
  (cd "$tree" && ctest --output-on-failure -L 'kernel|install')
  conformance "$tree/src/mdevctl" "$tree"
}
# The host tiers' base images come from the archive: made while the packages
# build.
host_images() {
  tests/host/run.sh --base-only bookworm build-host/bookworm >build-host/images.log 2>&1 &&
    tests/host/run.sh --base-only trixie build-host/trixie >>build-host/images.log 2>&1
}

stage "format, layers, licence heads, one version" checks
mkdir -p build-host
images=
if [ "$(id -u)" -eq 0 ]; then
  host_images &
  images=$!
fi
root_stage "Debian 12 package (clean chroot)" scripts/package.sh bookworm
root_stage "Debian 13 package (clean chroot)" scripts/package.sh trixie
[ -z "$images" ] || wait $images || { cat build-host/images.log; exit 1; }
root_stage "Debian 12 host (tier 5)" host_tier bookworm
root_stage "Debian 13 host (tier 5)" host_tier trixie
stage "RPM, and on its build the kernel and install tiers, conformance" rpm_package
# A buildd is a busy machine: the tests must hold with every core taken.
stage "unit and black-box tiers 3 times, every core busy (on the RPM's build)" \
  scripts/load_run.sh "$(ls -d build-rpm/BUILD/mdevctl-cpp-*/redhat-linux-build)" 3
stage "ASan+UBSan build, unit, black-box and install tiers, conformance" sanitized
root_stage "clang + TSan (Debian 13)" scripts/tsan_clang.sh trixie
# The parsers of outside input under libFuzzer, briefly (a long run: scripts/fuzz.sh -runs=N).
stage "fuzz" scripts/fuzz.sh -max_total_time=20
echo "=== time per stage"
printf '%s\n' "${timings[@]}"
echo "${#skipped[@]} stage(s) skipped for want of root${skipped[*]:+: ${skipped[*]}}"

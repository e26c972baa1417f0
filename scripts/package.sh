#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Builds the Debian package for one release the way a Debian buildd does: in a
# clean chroot of that release (mmdebstrap, variant buildd) with exactly the
# Build-Depends installed, the source package first, then the binary package
# from it by dpkg-buildpackage as a user who is not root (whose dh_auto_test
# runs the unit and black-box tests with that release's compiler and
# libraries), then checks both there with that release's lintian
# (tests/install/check_deb.sh).
#   scripts/package.sh [RELEASE]    bookworm (Debian 12) or trixie (Debian 13);
#                                   default: this machine's release
# The packages and the build log end up in build-packages/RELEASE/; the chroot
# image is cached in build-chroots/ (delete it to start from the archive again).
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "package: $*" >&2; exit 1; }
source scripts/release_chroot.sh
source scripts/source_tree.sh
release=${1:-$(. /etc/os-release && echo "$VERSION_CODENAME")}
out=$PWD/build-packages/$release
images=$PWD/build-chroots
mkdir -p "$images"
command -v mmdebstrap >/dev/null || die "mmdebstrap is missing (scripts/setup.sh installs it)"

start=$SECONDS
# What the checks need beside the Build-Depends, which come later, from
# debian/control as it is now.
release_image "$release" "$images/$release-build.tar" lintian,file,ca-certificates,autopkgtest
root=$images/$release-build
release_unpack "$images/$release-build.tar" "$root"
src=$root/build/mdevctl-cpp
mkdir -p "$src"
source_tree | tar -x -C "$src"
echo "package ($release): chroot ready in $((SECONDS - start)) s"

log=$out/build.log
rm -rf "$out"
mkdir -p "$out"
echo "package ($release): dpkg-buildpackage -S, then -b from the .dsc as a normal user (every line in $log)"
# As a buildd builds: the source package first, then the binaries from it
# (dpkg-source -x of the .dsc) by a user who is not root, without fakeroot
# (Rules-Requires-Root: no). -J: as many jobs as cores (DEB_BUILD_OPTIONS
# parallel=N), for the tests too.
if ! in_release "$root" /bin/sh -ec "
    cd /build/mdevctl-cpp
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -qq ./ >/dev/null
    chown -R nobody:nogroup /build
    export HOME=/build
    as_user=/build/mdevctl-cpp/scripts/as_normal_user.sh
    \$as_user dpkg-buildpackage -S -us -uc
    cd /build
    \$as_user dpkg-source -x mdevctl-cpp_*.dsc from-source
    cd from-source
    \$as_user env MDEVCTL_CMAKE_ARGS='${MDEVCTL_CMAKE_ARGS:--DMDEVCTL_WERROR=ON}' dpkg-buildpackage -b -us -uc -J$(nproc)
  " >"$log" 2>&1; then
  tail -n 150 "$log"
  die "the $release build failed"
fi
echo "package ($release): built in $((SECONDS - start)) s"
grep -E '^(dpkg-buildpackage: info: (source version|binary-only|source-only))|tests passed|tests failed|warning:' "$log" || true
mv "$root"/build/mdevctl-cpp*.{deb,buildinfo,changes,dsc,tar.xz} "$out/"
deb=$(ls "$out"/mdevctl-cpp_*.deb)
dsc=$(ls "$out"/mdevctl-cpp_*.dsc)
mkdir -p "$root/build/check"
cp "$deb" "$dsc" "$out"/mdevctl-cpp_*.tar.xz tests/install/check_deb.sh tests/install/lib.sh "$root/build/check/"
in_release "$root" /build/check/check_deb.sh "/build/check/${deb##*/}" "/build/check/${dsc##*/}"
# debian/tests with autopkgtest's own runner: the package installed in this
# chroot, its tests run from the source package.
echo "package ($release): autopkgtest (every line in $out/autopkgtest.log)"
if ! in_release "$root" autopkgtest "/build/check/${deb##*/}" "/build/check/${dsc##*/}" -- null \
    >"$out/autopkgtest.log" 2>&1; then
  tail -n 60 "$out/autopkgtest.log"
  die "autopkgtest failed on $release"
fi
awk '/@@@@ summary$/ { on = 1; next } on && /^autopkgtest \[/ { exit } on' "$out/autopkgtest.log"
# The tree stays for scripts/tsan_clang.sh (same release, Build-Depends installed).

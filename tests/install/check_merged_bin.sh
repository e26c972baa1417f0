#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Merged bin (Fedora 42 and later, Arch): where sbin is bin, the install makes
# no sbin links, and bin/mdevctl stays the program, not a link to itself.
# Two ways to get there: -DCMAKE_INSTALL_SBINDIR=bin (what Fedora's %cmake
# passes when %{_sbindir} is %{_bindir}), and a DESTDIR whose usr/sbin is a
# link to bin, as on a merged-usr system that links /usr/sbin.
#   tests/install/check_merged_bin.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
source "$(dirname "$0")/lib.sh"

# is_program DIR WHAT: the program in bin, and it runs as lsmdev too.
is_program() {
  check_program_in_bin "$1" "$2"
  "$1/usr/bin/lsmdev" --version >/dev/null || fail "$2: lsmdev does not run"
}

# 1. CMAKE_INSTALL_SBINDIR=bin: a tree configured so, installing this build's
# programs (copied where that tree would have built them: the layout is what
# is tested, not the compile).
tree=$scratch/merged
cmake -S "$src" -B "$tree" -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_SBINDIR=bin -DMDEVCTL_TESTS=OFF \
  -DMDEVCTL_UDEV_DIR=/usr/lib/udev -DMDEVCTL_SYSTEMD_UNIT_DIR=/usr/lib/systemd/system >/dev/null
mkdir -p "$tree/src" "$tree/man"
cp "$build/src/mdevctl" "$build/src/mdevctl-monitor" "$tree/src/"
cp "$build/man/mdevctl.8" "$build/man/lsmdev.8" "$tree/man/"
DESTDIR=$scratch/one cmake --install "$tree" >/dev/null
is_program "$scratch/one" "CMAKE_INSTALL_SBINDIR=bin"
[ ! -e "$scratch/one/usr/sbin" ] || fail "CMAKE_INSTALL_SBINDIR=bin: something is under /usr/sbin: $(ls "$scratch/one/usr/sbin")"

# 2. This build (sbin is /usr/sbin) into a DESTDIR where usr/sbin links to bin.
mkdir -p "$scratch/two/usr/bin"
ln -s bin "$scratch/two/usr/sbin"
DESTDIR=$scratch/two cmake --install "$build" >/dev/null
is_program "$scratch/two" "usr/sbin -> bin"
[ -L "$scratch/two/usr/sbin" ] || fail "usr/sbin -> bin: the link was replaced"

[ $status -eq 0 ] && echo "merged bin: /usr/bin/mdevctl is the program both ways"
exit $status

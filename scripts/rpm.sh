#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Builds the RPM as Fedora's builders do (`make rpm`): `rpmbuild -ta` of the
# release tarball (scripts/dist.sh), as a user who is not root, then checks
# the packages with rpmlint. On a host whose rpm lacks Fedora's cmake and
# systemd macros (Debian's rpm package), it loads stand-ins for them
# (rpm/fedora-macros), skips rpmbuild's check of BuildRequires (it needs an
# RPM database of the installed packages), and builds both of Fedora's
# layouts: Fedora 42's merged bin first (rpm/fedora-42-macros: %{_sbindir}
# is %{_bindir}), into build-rpm/fedora-42, then Fedora 41's, into
# build-rpm, whose build tree stays for the tiers that run on it. With
# ccache, the second build compiles almost nothing.
#   scripts/rpm.sh [rpmbuild options]    e.g. --nocheck
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "rpm: $*" >&2; exit 1; }
command -v rpmbuild >/dev/null || die "rpmbuild is missing (Debian: apt-get install rpm)"
top=$PWD/build-rpm
rm -rf "$top"
mkdir -p "$top/home"
tarball=$(scripts/dist.sh "$top/dist")

as_builder=()
builder=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  builder=nobody
  chown -R nobody:nogroup "$top"
  as_builder=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
environment=(HOME="$top/home" CCACHE_DIR="$top/ccache")
command -v ccache >/dev/null && environment+=(CMAKE_CXX_COMPILER_LAUNCHER=ccache)

# build LAYOUT [macro files...]: one rpmbuild -ta; its packages stay in build-rpm.
build() {
  local layout=$1 options=(--define "_topdir $top") macros
  shift
  for macros in "$@"; do options+=(--load "$macros"); done
  [ $# -eq 0 ] || options+=(--nodeps)
  local log=$top/build-$layout.log
  echo "rpmbuild -ta ${tarball##*/} ($layout, as $(id -un "${as_builder[2]#--reuid=}" 2>/dev/null || id -un); every line in $log)"
  if ! "${as_builder[@]}" env "${environment[@]}" rpmbuild -ta "${options[@]}" "${rpmbuild_options[@]}" \
      "$tarball" >"$log" 2>&1; then
    tail -n 100 "$log"
    die "rpmbuild failed ($layout)"
  fi
  grep -E 'tests passed|tests failed|^Wrote:' "$log" || true
}
rpmbuild_options=("$@")
if [ -n "$(rpm --eval '%{?_unitdir}')" ]; then
  build fedora  # Fedora's own macros decide the layout
else
  build fedora-42 rpm/fedora-macros rpm/fedora-42-macros
  mkdir -p "$top/fedora-42"
  mv "$top/RPMS" "$top/SRPMS" "$top/fedora-42/"
  build fedora-41 rpm/fedora-macros
fi

rpms=($(find "$top" -name '*.rpm' | sort))
if command -v rpmlint >/dev/null; then
  echo "rpmlint:"
  rpmlint -c rpm/rpmlint.toml "${rpms[@]}" 2>&1 | sed 's/^/  /' | tee "$top/rpmlint.log"
  grep -q ' 0 errors' "$top/rpmlint.log" || die "rpmlint reports errors"
fi

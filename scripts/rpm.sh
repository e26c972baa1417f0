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
# build-rpm, whose build tree stays for the tiers that run on it (Fedora
# 42's is built without its tests: the same code, tested on the other).
#   scripts/rpm.sh [rpmbuild options]    e.g. --nocheck
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "rpm: $*" >&2; exit 1; }
command -v rpmbuild >/dev/null || die "rpmbuild is missing (Debian: apt-get install rpm)"
top=$PWD/build-rpm
rm -rf "$top"
mkdir -p "$top/home"
tarball=$(scripts/dist.sh "$top/dist")

# Fedora's builders build as a normal user: nobody, when this runs as root.
[ "$(id -u)" -ne 0 ] || chown -R nobody:nogroup "$top"
builder=$(scripts/as_normal_user.sh id -un)

# build LAYOUT [macro files...]: one rpmbuild -ta; its packages stay in build-rpm.
build() {
  local layout=$1 options=(--define "_topdir $top") macros
  shift
  for macros in "$@"; do options+=(--load "$macros"); done
  [ $# -eq 0 ] || options+=(--nodeps)
  local log=$top/build-$layout.log
  echo "rpmbuild -ta ${tarball##*/} ($layout, as $builder; every line in $log)"
  if ! HOME="$top/home" scripts/as_normal_user.sh rpmbuild -ta "${options[@]}" "${rpmbuild_options[@]}" \
      "$tarball" >"$log" 2>&1; then
    tail -n 100 "$log"
    die "rpmbuild failed ($layout)"
  fi
  grep -E 'tests passed|tests failed|^Wrote:' "$log" || true
}
rpmbuild_options=("$@")
# lint LAYOUT DIR...: rpmlint on one layout's packages (two source RPMs of
# the same name in one run look to it like one with two specs).
lint() {
  command -v rpmlint >/dev/null || return 0
  local layout=$1
  shift
  echo "rpmlint ($layout):"
  rpmlint -c rpm/rpmlint.toml $(find "$@" -name '*.rpm' | sort) 2>&1 | sed 's/^/  /' | tee "$top/rpmlint-$layout.log"
  grep -q ' 0 errors' "$top/rpmlint-$layout.log" || die "rpmlint reports errors ($layout)"
}
if [ -n "$(rpm --eval '%{?_unitdir}')" ]; then
  build fedora  # Fedora's own macros decide the layout
  lint fedora "$top/RPMS" "$top/SRPMS"
else
  # The programs only: the tests run on the other layout's build, which
  # compiles the same code.
  rpmbuild_options+=(--without tests)
  build fedora-42 rpm/fedora-macros rpm/fedora-42-macros
  rpmbuild_options=("$@")
  mkdir -p "$top/fedora-42"
  mv "$top/RPMS" "$top/SRPMS" "$top/fedora-42/"
  lint fedora-42 "$top/fedora-42"
  build fedora-41 rpm/fedora-macros
  lint fedora-41 "$top/RPMS" "$top/SRPMS"
fi

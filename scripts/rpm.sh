#!/bin/bash
# Builds the RPM from mdevctl-cpp.spec with rpmbuild (`make rpm`), then checks
# it with rpmlint. On a host whose rpm lacks Fedora's cmake and systemd
# macros (Debian's rpm package), it loads stand-ins for them
# (rpm/fedora-macros) and skips rpmbuild's check of BuildRequires, which
# needs an RPM database of the installed packages.
#   scripts/rpm.sh [rpmbuild options]    e.g. --nocheck
# The packages end up in build-rpm/RPMS and build-rpm/SRPMS.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "rpm: $*" >&2; exit 1; }
source scripts/source_tree.sh
command -v rpmbuild >/dev/null || die "rpmbuild is missing (Debian: apt-get install rpm)"
name=mdevctl-cpp
version=$(sed -n 's/^Version: *//p' $name.spec)
top=$PWD/build-rpm
rm -rf "$top"
mkdir -p "$top/SOURCES"
# S: symlinks' targets (the fixtures' relative links) stay as they are.
source_tree --transform "s|^\.|$name-$version|S" | gzip -n >"$top/SOURCES/$name-$version.tar.gz"
options=(--define "_topdir $top")
if [ -z "$(rpm --eval '%{?_unitdir}')" ]; then
  options+=(--load rpm/fedora-macros --nodeps)
fi
log=$top/build.log
echo "rpmbuild -ba $name.spec (every line in $log)"
if ! rpmbuild -ba "${options[@]}" "$@" $name.spec >"$log" 2>&1; then
  tail -n 100 "$log"
  die "rpmbuild failed"
fi
grep -E 'tests passed|tests failed|^Wrote:' "$log" || true
rpms=("$top"/RPMS/*/*.rpm "$top"/SRPMS/*.rpm)
if command -v rpmlint >/dev/null; then
  echo "rpmlint:"
  rpmlint -c rpm/rpmlint.toml "${rpms[@]}" 2>&1 | sed 's/^/  /' | tee "$top/rpmlint.log"
  grep -q ' 0 errors' "$top/rpmlint.log" || die "rpmlint reports errors"
fi

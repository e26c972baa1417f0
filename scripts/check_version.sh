#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# One version: what CMakeLists.txt says is what debian/changelog's newest
# entry, the spec's Version and its newest %changelog entry, and the README's
# package names say. (`mdevctl --version` prints CMake's own; the package
# checks compare it with the package's version.)
#   scripts/check_version.sh [BINARY]    also that BINARY --version says it
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(scripts/version.sh)
status=0
differs() { echo "version: $1 says '$2', CMakeLists.txt says '$version'" >&2; status=1; }
debian=$(sed -n '1s/^mdevctl-cpp (\([^)-]*\)).*/\1/p' debian/changelog)
[ "$debian" = "$version" ] || differs debian/changelog "$debian"
spec=$(sed -n 's/^Version: *//p' mdevctl-cpp.spec)
[ "$spec" = "$version" ] || differs "the spec's Version" "$spec"
entry=$(sed -n '/^%changelog/,$ s/^\* .* - \([^ ]*\)-[0-9]*$/\1/p' mdevctl-cpp.spec | head -n 1)
[ "$entry" = "$version" ] || differs "the spec's newest %changelog entry" "$entry"
for named in $(grep -o 'mdevctl-cpp_[^_]*_amd64.deb' README.md | sed 's/mdevctl-cpp_\(.*\)_amd64.deb/\1/' | sort -u); do
  [ "$named" = "$version" ] || differs "README.md's package name" "$named"
done
if [ $# -gt 0 ]; then
  "$1" --version | grep -q "^mdevctl $version " || differs "$1 --version" "$("$1" --version | head -n 1)"
fi
[ $status -eq 0 ] && echo "version: $version everywhere"
exit $status

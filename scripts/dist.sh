#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The release tarball (`make dist`): mdevctl-cpp-VERSION.tar.gz of the source
# tree, the same bytes for the same tree: names sorted, every mtime the date
# of debian/changelog's newest entry (or SOURCE_DATE_EPOCH), owner root,
# modes without group or other write, gzip without a name or a time.
# Fedora builds from it with `rpmbuild -ta` (the spec is inside).
#   scripts/dist.sh [DIR]     default build-dist; prints the tarball's path
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/source_tree.sh
version=$(scripts/version.sh)
epoch=${SOURCE_DATE_EPOCH:-$(date -d "$(sed -n 's/^ -- .*>  //p' debian/changelog | head -n 1)" +%s)}
out=${1:-build-dist}
mkdir -p "$out"
tarball=$(cd "$out" && pwd)/mdevctl-cpp-$version.tar.gz
# S: symlinks' targets (the fixtures' relative links) stay as they are.
source_tree --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --mode=go-w \
  --transform "s|^\.|mdevctl-cpp-$version|S" | gzip -n -9 >"$tarball.tmp"
mv "$tarball.tmp" "$tarball"
echo "$tarball"

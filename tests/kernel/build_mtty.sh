#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Builds the kernel's sample mdev driver mtty against installed headers; the
# real-kernel and real-host tiers load it. Prints nothing on success.
#   tests/kernel/build_mtty.sh HEADERS_DIR OUT.ko
set -euo pipefail
headers=$1
out=$2
source=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | head -n 1)
[ -n "$source" ] || { echo "no /usr/src/linux-source-*.tar.xz (package linux-source)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dir=$(basename "$source" .tar.xz)
tar -xJf "$source" -C "$tmp" "$dir/samples/vfio-mdev/mtty.c"
mv "$tmp/$dir/samples/vfio-mdev/mtty.c" "$tmp/"
echo 'obj-m := mtty.o' >"$tmp/Makefile"
make -s -C "$headers" M="$tmp" modules >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; echo "mtty.ko did not build" >&2; exit 1; }
cp "$tmp/mtty.ko" "$out"

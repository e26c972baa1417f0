#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Benchmarks our mdevctl against Debian's mdevctl 1.2.0 on generated roots.
# 1.2.0 ignores MDEVCTL_ENV_ROOT, so each root is bind-mounted over /sys and
# /etc/mdevctl.d inside a private mount namespace (never the host's real /etc),
# and both binaries run there against the same view. Needs root.
# usage: bench/run.sh [RUNS]   (after scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
command -v /usr/bin/mdevctl >/dev/null || apt-get install -y -qq mdevctl >/dev/null
ours=$(realpath build/src/mdevctl)
out=$(realpath -m bench/out)
mkdir -p "$out"
cc -O2 -o "$out/spawn" bench/spawn.c
bench/make-root.sh "$out/active" 4 2 2000 0
bench/make-root.sh "$out/defined" 8 2 0 2000
bench/make-root.sh "$out/types" 64 8 0 0
bench/make-root.sh "$out/empty" 1 1 0 0

measure() {  # ROOT ARGS...
  local root=$1; shift
  unshare -m --propagation private -- bash -c '
    root=$1; shift
    mount --bind "$root/sys" /sys
    mount --bind "$root/etc/mdevctl.d" /etc/mdevctl.d
    exec python3 bench/measure.py "$@"' measure "$root" "$out/spawn" "$runs" "$ours" /usr/bin/mdevctl "$@"
}

echo "median of $runs runs; RSS is the peak over all runs"
echo "| workload                         | ours ms  | 1.2.0 ms | ratio  | ours MiB | 1.2.0 MiB |"
echo "|----------------------------------|----------|----------|--------|----------|-----------|"
measure "$out/active" list
measure "$out/defined" list -d
measure "$out/defined" list -d --dumpjson
measure "$out/types" types
measure "$out/empty" list

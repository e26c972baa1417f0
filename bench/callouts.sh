#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Benchmarks the device pipeline with a no-op call-out and notifier against
# Debian's mdevctl 1.2.0 (same namespace set-up as bench/run.sh). The
# simulated kernel answers `create` and `remove`. Needs root.
# usage: bench/callouts.sh [RUNS]   (after scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
command -v /usr/bin/mdevctl >/dev/null || apt-get install -y -qq mdevctl >/dev/null
out=$(realpath -m bench/out)
root="$out/callouts"
mkdir -p "$out"
cc -O2 -o "$out/spawn" bench/spawn.c
bench/make-root.sh "$root" 1 1 0 0
for dir in callouts notifiers; do
  printf '#!/bin/sh\nexit 0\n' > "$root/etc/mdevctl.d/scripts.d/$dir/noop"
  chmod +x "$root/etc/mdevctl.d/scripts.d/$dir/noop"
done
exec 3< <(exec build/tests/mdev-simkernel "$root")
sim=$!
trap 'kill $sim' EXIT
read -r _ <&3
echo "median ms of $runs runs, one device, no-op call-out + notifier"
echo "| command  | ours ms | 1.2.0 ms | ratio |"
echo "|----------|---------|----------|-------|"
unshare -m --propagation private -- bash -c '
  root=$1; shift
  mount --bind "$root/sys" /sys
  mount --bind "$root/etc/mdevctl.d" /etc/mdevctl.d
  exec python3 bench/callout_pipeline.py "$@"' callouts "$root" "$out/spawn" "$runs" \
  "$(realpath build/src/mdevctl)" /usr/bin/mdevctl 0000:01:00.0 nvidia-251

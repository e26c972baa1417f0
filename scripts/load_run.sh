#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The unit and black-box tiers several times in a row (default 3) with every
# core kept busy beside them, one busy loop a core, as on a loaded buildd: a
# test that samples a transient state or races the clock fails here.
#   scripts/load_run.sh BUILD_DIR [RUNS]
set -euo pipefail
build=$(cd "$1" && pwd)
runs=${2:-3}
cores=$(nproc)
busy=()
for ((i = 0; i < cores; i++)); do
  (while :; do :; done) &
  busy+=($!)
done
trap 'kill "${busy[@]}" 2>/dev/null || true' EXIT
for ((run = 1; run <= runs; run++)); do
  log=$build/load-run-$run.log
  start=$SECONDS
  if ! (cd "$build" && ctest -L 'unit|blackbox' -j "$cores" --output-on-failure) >"$log" 2>&1; then
    grep -E 'Failed|\*\*\*' "$log" | head -n 20
    tail -n 60 "$log"
    echo "load run $run of $runs failed (every line in $log)" >&2
    exit 1
  fi
  echo "load run $run of $runs: $(grep -o '[0-9]*% tests passed.*' "$log") in $((SECONDS - start)) s," \
    "$cores busy loops beside, load average $(cut -d' ' -f1 /proc/loadavg)"
done
